provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "data" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc" "apps" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_security_group" "db" {
  name        = "db"
  description = "Orders database"
  vpc_id      = aws_vpc.data.id
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
  vpc_id      = aws_vpc.apps.id
}

resource "aws_security_group_rule" "db_from_app" {
  security_group_id        = aws_security_group.db.id
  type                     = "ingress"
  source_security_group_id = aws_security_group.app.id
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  description              = "PostgreSQL from the app"
}

output "security_group_ids" {
  value = [aws_security_group.db.id, aws_security_group.app.id]
}
