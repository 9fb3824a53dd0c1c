# A team that already has a web ACL keeps it: the module creates only the sets, the rule group and
# the IAM, and the team's web ACL evaluates the maintenance rule group first (priority 0). Its own
# rules keep protecting testers, because the maintenance rules never Allow: they only Block or
# decline to block.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "maintenance" {
  source = "github.com/org/maintenance-action//terraform/module?ref=v1"

  name           = "shop-prod"
  scope          = "REGIONAL"
  create_web_acl = false

  github_repository   = "org/shop"
  github_environments = ["production"]
}

resource "aws_wafv2_web_acl" "shop" {
  name  = "shop-prod-firewall"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "shop-prod-maintenance"
    priority = 0

    override_action {
      none {}
    }

    statement {
      rule_group_reference_statement {
        arn = module.maintenance.rule_group_arn
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "shop-prod-maintenance"
      sampled_requests_enabled   = true
    }
  }

  # The team's own rules follow at higher priorities, unchanged.
  rule {
    name     = "aws-common-rules"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common-rules"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-prod-firewall"
    sampled_requests_enabled   = true
  }
}

output "maintenance_config_entry" {
  value = module.maintenance.config_entry
}
