resource "aws_vpc" "data" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc" "apps" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
  vpc_id      = aws_vpc.data.id

  ingress {
    description     = "PostgreSQL from the app"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
  vpc_id      = aws_vpc.apps.id
}

resource "aws_security_group" "legacy" {
  name        = "orders-legacy"
  description = "Orders legacy workers, in the default VPC"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_legacy" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.legacy.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from legacy workers"
}
