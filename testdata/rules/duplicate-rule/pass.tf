resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"

  ingress {
    description     = "PostgreSQL from the app"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  egress {
    description     = "Same ports and peer, other direction"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  ingress {
    description = "Echo request"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["192.0.2.0/24"]
  }

  ingress {
    description = "Destination unreachable: another ICMP type"
    from_port   = 3
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["192.0.2.0/24"]
  }
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
}

resource "aws_vpc_security_group_ingress_rule" "app_from_unknown" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = var.peer_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "A group known at apply time"
}

resource "aws_vpc_security_group_ingress_rule" "app_from_other_unknown" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = var.other_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Another group known at apply time"
}
