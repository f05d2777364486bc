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

  ingress {
    description = "Reporting network, twice in one list"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["192.0.2.0/24", "192.0.2.0/24"]
  }
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "6"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Database access"
}

resource "aws_security_group_rule" "reporting" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  from_port         = 5432
  to_port           = 5432
  protocol          = "TCP"
  cidr_blocks       = ["192.0.2.0/24"]
  description       = "Reporting"
}
