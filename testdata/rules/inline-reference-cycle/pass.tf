resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"

  egress {
    description     = "PostgreSQL to the database"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.db.id]
  }

  ingress {
    description = "Between app instances"
    from_port   = 7946
    to_port     = 7946
    protocol    = "tcp"
    self        = true
  }
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the app"
}
