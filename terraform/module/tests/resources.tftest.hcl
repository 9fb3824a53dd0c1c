# What the module creates for each combination of inputs, and what its outputs say. No AWS: the
# provider is mocked (ARNs are given a region so the module can read it, as on AWS).

mock_provider "aws" {
  source = "./tests/mocks"

  mock_resource "aws_wafv2_rule_group" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/rulegroup/shop-maintenance/77777777-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/shop/11111111-2222-3333-4444-555555555555"
      id  = "11111111-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_regex_pattern_set" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/regexpatternset/shop-bypass/88888888-2222-3333-4444-555555555555"
      id  = "88888888-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_web_acl" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/99999999-2222-3333-4444-555555555555"
      id  = "99999999-2222-3333-4444-555555555555"
    }
  }
}

variables {
  name = "shop"
}

run "creates_four_sets_the_rule_group_and_the_web_acl_by_default" {
  assert {
    condition     = aws_wafv2_ip_set.maintenance_active_ipv4.name == "shop-active-ipv4" && aws_wafv2_ip_set.maintenance_allow_ipv6.name == "shop-allow-ipv6"
    error_message = "The four IP sets are named N-<role>."
  }
  assert {
    condition     = aws_wafv2_rule_group.maintenance_rule_group.name == "shop-maintenance"
    error_message = "The rule group is N-maintenance."
  }
  assert {
    condition     = length(aws_wafv2_web_acl.maintenance_web_acl) == 1 && length(aws_wafv2_web_acl_association.maintenance_association) == 0
    error_message = "The web ACL is created, and not associated without a resource ARN."
  }
  assert {
    condition     = length(aws_iam_role.maintenance_github_role) == 0 && length(aws_iam_openid_connect_provider.maintenance_github_github_oidc) == 0
    error_message = "No role without github_repository."
  }
  assert {
    condition     = output.role_arn == null && output.web_acl_arn != null
    error_message = "role_arn is null without a role; web_acl_arn is set."
  }
  assert {
    condition     = output.region == "eu-west-1"
    error_message = "The region is read from the sets' ARN."
  }
  assert {
    condition = yamldecode(output.config_entry) == {
      environments = {
        shop = {
          name   = "shop"
          scope  = "REGIONAL"
          region = "eu-west-1"
          "web-acl" = {
            name = "shop"
            id   = "99999999-2222-3333-4444-555555555555"
          }
          "set-ids" = {
            "active-ipv4" = "11111111-2222-3333-4444-555555555555"
            "active-ipv6" = "11111111-2222-3333-4444-555555555555"
            "allow-ipv4"  = "11111111-2222-3333-4444-555555555555"
            "allow-ipv6"  = "11111111-2222-3333-4444-555555555555"
            "bypass"      = "88888888-2222-3333-4444-555555555555"
          }
        }
      }
    }
    error_message = "config_entry: ${output.config_entry}"
  }
}

run "without_the_web_acl_the_config_entry_names_none" {
  variables {
    create_web_acl = false
  }
  assert {
    condition     = length(aws_wafv2_web_acl.maintenance_web_acl) == 0 && output.web_acl_arn == null
    error_message = "No web ACL with create_web_acl = false."
  }
  assert {
    condition     = !can(yamldecode(output.config_entry).environments.shop["web-acl"])
    error_message = "config_entry names no web ACL when the module did not create one."
  }
}

run "associates_the_web_acl_with_a_regional_resource" {
  variables {
    associated_resource_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
  }
  assert {
    condition     = aws_wafv2_web_acl_association.maintenance_association[0].resource_arn == var.associated_resource_arn
    error_message = "The association protects the given resource."
  }
}

run "refuses_an_association_without_the_web_acl" {
  command = plan
  variables {
    associated_resource_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
    create_web_acl          = false
  }
  expect_failures = [aws_wafv2_rule_group.maintenance_rule_group]
}

run "creates_the_role_and_the_oidc_provider_for_a_repository" {
  variables {
    github_repository   = "acme/shop"
    github_environments = ["production", "production-schedule"]
  }
  assert {
    condition     = aws_iam_role.maintenance_github_role[0].name == "shop-maintenance-action" && length(aws_iam_openid_connect_provider.maintenance_github_github_oidc) == 1
    error_message = "The role N-maintenance-action and the account's GitHub OIDC provider are created."
  }
  assert {
    condition = jsonencode([
      for c in data.aws_iam_policy_document.maintenance_github_trust[0].statement[0].condition : sort(c.values) if c.variable == "token.actions.githubusercontent.com:sub"
    ]) == jsonencode([["repo:acme/shop:environment:production", "repo:acme/shop:environment:production-schedule"]])
    error_message = "The trust policy pins each environment's sub with StringEquals."
  }
  assert {
    condition     = alltrue([for c in data.aws_iam_policy_document.maintenance_github_trust[0].statement[0].condition : c.test == "StringEquals"])
    error_message = "Every trust condition is StringEquals (no wildcard)."
  }
  assert {
    condition     = keys(yamldecode(output.config_entry).environments) == ["production"]
    error_message = "config_entry is keyed by the first environment."
  }
}

run "uses_an_existing_oidc_provider" {
  variables {
    github_repository        = "acme/shop"
    github_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
  }
  assert {
    condition     = length(aws_iam_openid_connect_provider.maintenance_github_github_oidc) == 0 && length(aws_iam_role.maintenance_github_role) == 1
    error_message = "No second OIDC provider when the account's is given."
  }
}

run "expands_one_not_per_reachable_path_prefix" {
  variables {
    reachable_path_prefixes = ["/status", "/maintenance-assets/"]
  }
  assert {
    condition     = length(aws_wafv2_rule_group.maintenance_rule_group.rule) == 3
    error_message = "Three rules: bypass (count and label), api and page."
  }
  assert {
    condition = alltrue([
      for r in aws_wafv2_rule_group.maintenance_rule_group.rule :
      length(r.statement[0].and_statement[0].statement) == 3 + length(var.reachable_path_prefixes) + (endswith(r.name, "-api") ? 1 : 0)
      if length(r.action[0].block) == 1
    ])
    error_message = "Each prefix adds one NOT under the AND of each blocking rule."
  }
}

run "counts_and_labels_a_bypass_token_before_the_blocking_rules" {
  assert {
    condition = [
      for r in aws_wafv2_rule_group.maintenance_rule_group.rule : [r.priority, length(r.action[0].count), [for l in r.rule_label : l.name]]
      if length(r.action[0].count) == 1
    ] == [[0, 1, ["maintenance:bypass"]]]
    error_message = "One Count rule, first (priority 0), labelling maintenance:bypass."
  }
  assert {
    condition = alltrue([
      for r in aws_wafv2_rule_group.maintenance_rule_group.rule :
      contains([for s in r.statement[0].and_statement[0].statement : try(s.not_statement[0].statement[0].label_match_statement[0].key, "")], "maintenance:bypass")
      if length(r.action[0].block) == 1
    ])
    error_message = "Both blocking rules skip a request labelled maintenance:bypass."
  }
  assert {
    condition     = aws_wafv2_rule_group.maintenance_rule_group.capacity == 150
    error_message = "Capacity 150 WCUs: 80 + 4 per prefix at most 120, with headroom."
  }
}

run "serves_the_built_in_bodies_following_retry_after" {
  variables {
    retry_after_seconds = 900
  }
  assert {
    condition = [for b in aws_wafv2_rule_group.maintenance_rule_group.custom_response_body : b.content if b.key == "maintenance-json"] == [
      "{\"error\":\"maintenance\",\"retryAfter\":900}"
    ]
    error_message = "The built-in JSON body carries retry_after_seconds."
  }
}
