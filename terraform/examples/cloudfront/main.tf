# A CLOUDFRONT environment: WAF for CloudFront lives in us-east-1, and the distribution itself
# points at the web ACL through web_acl_id (there is no association resource for CloudFront).

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
  region = "us-east-1"
}

module "maintenance" {
  source = "github.com/org/maintenance-action//terraform/module?ref=v1"

  name  = "shop-cdn"
  scope = "CLOUDFRONT"

  github_repository   = "org/shop"
  github_environments = ["production"]
}

resource "aws_cloudfront_distribution" "shop" {
  enabled    = true
  web_acl_id = module.maintenance.web_acl_arn

  origin {
    domain_name = "origin.shop.example.com"
    origin_id   = "shop-origin"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "shop-origin"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    # CachingDisabled managed policy: the 503 carries Cache-Control: no-store anyway.
    cache_policy_id = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

output "maintenance_config_entry" {
  value = module.maintenance.config_entry
}

output "maintenance_role_arn" {
  value = module.maintenance.role_arn
}
