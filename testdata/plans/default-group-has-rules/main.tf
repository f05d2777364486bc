provider "aws" {
  region = "eu-west-1"
}

resource "aws_default_security_group" "default" {

  ingress {
    description = "Everything from members"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}
