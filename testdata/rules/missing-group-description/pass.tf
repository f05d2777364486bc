resource "aws_security_group" "described" {
  name        = "orders-db"
  description = "Orders PostgreSQL cluster"
}

# A template with literal parts is a description.
variable "env" {}

resource "aws_security_group" "templated" {
  name        = "orders-app"
  description = "Orders application servers (${var.env})"
}

# Unknown: never reported.
resource "aws_security_group" "unknown" {
  name        = "orders-cache"
  description = var.env
}

# The default group has no settable description.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
}

# count = 0: no instance, nothing to report.
resource "aws_security_group" "disabled" {
  count = 0
  name  = "disabled"
}
