# The module's input rules, as Terraform evaluates them (rendered from terraform/src/rules/, the
# same rules the cdktf construct checks). No AWS: the provider is mocked.
# Run: npm run terraform:check (or `terraform test` in terraform/module).
#
# One run may check several variables at once: Terraform fails the run unless EVERY variable
# listed in expect_failures fails its validation, so each bad value is still proven rejected.
# (Each run loads the provider's schema, seconds each: fewer runs keep CI fast.)

mock_provider "aws" {}

variables {
  name = "shop"
}

run "accepts_the_defaults" {
  command = plan
}

run "accepts_values_at_the_limits" {
  command = plan
  variables {
    name                    = join("", [for i in range(116) : "n"])
    status_code             = 429
    maintenance_page_html   = join("", [for i in range(512) : "éééé"]) # exactly 4,096 bytes
    api_response_json       = "{\"error\":\"maintenance\"}"
    reachable_path_prefixes = [for i in range(10) : "/${i}"]
    github_repository       = "acme/shop"
    github_environments     = ["production", "production-schedule"]
    github_role_name        = join("", [for i in range(64) : "r"])
  }
}

run "rejects_bad_values_first_kind" {
  command = plan
  variables {
    name                     = "shop.prod"
    scope                    = "GLOBAL"
    retry_after_seconds      = 1.5
    status_code              = 418                                       # in 200..599, but not a code WAF supports in custom responses
    maintenance_page_html    = join("", [for i in range(1000) : "éééé"]) # 8,000 bytes, 4,000 characters
    api_response_json        = "{error:1}"
    reachable_path_prefixes  = [for i in range(11) : "/${i}"]
    associated_resource_arn  = "my-alb"
    github_repository        = "shop"
    github_environments      = []
    github_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/example.com"
    github_role_name         = join("", [for i in range(65) : "r"])
  }
  expect_failures = [
    var.name,
    var.scope,
    var.retry_after_seconds,
    var.status_code,
    var.maintenance_page_html,
    var.api_response_json,
    var.reachable_path_prefixes,
    var.associated_resource_arn,
    var.github_repository,
    var.github_environments,
    var.github_oidc_provider_arn,
    var.github_role_name,
  ]
}

run "rejects_bad_values_second_kind" {
  command = plan
  variables {
    name                    = join("", [for i in range(117) : "n"])
    retry_after_seconds     = 0
    status_code             = 600
    maintenance_page_html   = "${join("", [for i in range(512) : "éééé"])}x" # 4,097 bytes
    api_response_json       = ""
    reachable_path_prefixes = ["status"]
    github_environments     = ["production", "prod*"]
    github_role_name        = "shop maintenance"
  }
  expect_failures = [
    var.name,
    var.retry_after_seconds,
    var.status_code,
    var.maintenance_page_html,
    var.api_response_json,
    var.reachable_path_prefixes,
    var.github_environments,
    var.github_role_name,
  ]
}

run "rejects_bad_values_third_kind" {
  command = plan
  variables {
    name                    = "All"
    maintenance_page_html   = "${join("", [for i in range(1024) : "😀"])}x" # 4,097 bytes
    reachable_path_prefixes = ["/a", "/a"]
    github_environments     = ["production", "production"]
  }
  expect_failures = [
    var.name,
    var.maintenance_page_html,
    var.reachable_path_prefixes,
    var.github_environments,
  ]
}

run "rejects_an_empty_page" {
  command = plan
  variables {
    maintenance_page_html = ""
  }
  expect_failures = [var.maintenance_page_html]
}

# The default role name N-maintenance-action depends on name: a precondition on the role checks it.
run "rejects_a_long_name_whose_default_role_name_is_over_64_characters" {
  command = plan
  variables {
    name              = join("", [for i in range(50) : "n"])
    github_repository = "acme/shop"
  }
  expect_failures = [aws_iam_role.maintenance_github_role]
}

run "accepts_a_long_name_with_an_explicit_role_name" {
  command = plan
  variables {
    name              = join("", [for i in range(50) : "n"])
    github_repository = "acme/shop"
    github_role_name  = "shop-maintenance"
  }
}
