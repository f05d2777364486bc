provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "default_description" {
  name = "workers"
}

resource "aws_security_group" "empty" {
  name        = "batch"
  description = ""
}

resource "aws_security_group" "described" {
  name        = "api"
  description = "API servers"
}
