# A root module (it configures its backend): the default `false` is the value, and the group
# does not exist.
terraform {
  backend "s3" {}
}

variable "create" {
  type    = bool
  default = false
}

resource "aws_security_group" "admin" {
  count       = var.create ? 1 : 0
  name        = "admin-hosts"
  description = "Admin hosts"

  ingress {
    description = "SSH for operators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
