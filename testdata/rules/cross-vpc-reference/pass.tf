resource "aws_vpc" "data" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_default_vpc" "default" {}

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

  ingress {
    description     = "From a group of a VPC known at apply time"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.unknown.id]
  }
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
  vpc_id      = aws_vpc.data.id
}

resource "aws_security_group" "unknown" {
  name        = "orders-unknown"
  description = "Orders workers"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "legacy" {
  name        = "orders-legacy"
  description = "Legacy workers in the default VPC"
  vpc_id      = aws_default_vpc.default.id

  ingress {
    description     = "From other default-VPC workers"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.batch.id]
  }
}

resource "aws_security_group" "batch" {
  name        = "orders-batch"
  description = "Batch workers in the default VPC, without vpc_id"
}
