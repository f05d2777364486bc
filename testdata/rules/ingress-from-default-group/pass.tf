# Clients with a group of their own, and rules on the default group itself (which are
# `default-group-has-rules`'s, not this rule's), are not reported.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Members of the default group"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the app servers"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id, var.extra_client_group]
  }

  # Egress to the default group is not ingress from it.
  egress {
    description     = "Replies to the default group"
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    security_groups = [aws_default_security_group.default.id]
  }
}

variable "extra_client_group" {
  type = string
}
