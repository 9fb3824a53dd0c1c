# CLOUDFRONT scope: WAF keeps its resources in us-east-1. Own file, own state (the provider's
# region is read from the sets' ARNs, which the mock gives in us-east-1).

mock_provider "aws" {
  source = "./tests/mocks"

  mock_resource "aws_wafv2_rule_group" {
    defaults = {
      arn = "arn:aws:wafv2:us-east-1:123456789012:global/rulegroup/shop-maintenance/77777777-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:us-east-1:123456789012:global/ipset/shop/11111111-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_regex_pattern_set" {
    defaults = {
      arn = "arn:aws:wafv2:us-east-1:123456789012:global/regexpatternset/shop-bypass/11111111-2222-3333-4444-555555555555"
    }
  }
}

mock_provider "aws" {
  alias = "eu_west_1"
  mock_resource "aws_wafv2_ip_set" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:global/ipset/shop/11111111-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_wafv2_regex_pattern_set" {
    defaults = {
      arn = "arn:aws:wafv2:eu-west-1:123456789012:global/regexpatternset/shop-bypass/11111111-2222-3333-4444-555555555555"
    }
  }
}

variables {
  name = "shop"
}

run "cloudfront_in_us_east_1" {
  variables {
    scope = "CLOUDFRONT"
  }
  assert {
    condition     = output.region == "us-east-1" && yamldecode(output.config_entry).environments.shop.scope == "CLOUDFRONT"
    error_message = "A CLOUDFRONT environment is called in us-east-1."
  }
}

run "refuses_an_association_with_cloudfront" {
  command = plan
  variables {
    scope                   = "CLOUDFRONT"
    associated_resource_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
  }
  expect_failures = [aws_wafv2_rule_group.maintenance_rule_group]
}

# Its own state: the sets are created afresh, in eu-west-1.
run "refuses_cloudfront_outside_us_east_1" {
  state_key = "eu_west_1"
  providers = {
    aws = aws.eu_west_1
  }
  variables {
    scope = "CLOUDFRONT"
  }
  expect_failures = [aws_wafv2_rule_group.maintenance_rule_group]
}

