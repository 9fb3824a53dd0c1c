# The IAM part of the mocked AWS provider, the same in every region, loaded by the test files'
# mock_provider "aws" { source = "./tests/mocks" }. The WAF resources' ARNs name a region and a
# scope, which each test file is about, so they stay inline there.

mock_resource "aws_iam_openid_connect_provider" {
  defaults = {
    arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/shop-maintenance-action"
  }
}

# A valid policy document, so the role's trust policy is JSON.
mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}
