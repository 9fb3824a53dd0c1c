# A REGIONAL environment: the module creates the web ACL and associates it with an existing ALB,
# plus the role GitHub Actions assumes from the protected `production` environment.

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

data "aws_lb" "shop" {
  name = "shop-prod"
}

module "maintenance" {
  source = "github.com/org/maintenance-action//terraform/module?ref=v1"

  name                    = "shop-prod"
  scope                   = "REGIONAL"
  associated_resource_arn = data.aws_lb.shop.arn
  reachable_path_prefixes = ["/status", "/maintenance-assets/"]
  retry_after_seconds     = 900

  github_repository   = "org/shop"
  github_environments = ["production"]
  # The account's GitHub OIDC provider, if another stack already created it:
  # github_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"

  tags = {
    service = "shop"
  }
}

# Paste under environments: in .github/maintenance.yml
output "maintenance_config_entry" {
  value = module.maintenance.config_entry
}

# role-to-assume for aws-actions/configure-aws-credentials
output "maintenance_role_arn" {
  value = module.maintenance.role_arn
}
