# The shared findings every output format is tested on: an error, warnings with related
# locations, notes, and messages with characters formats must escape (%, :, ",", <, &, ").

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders API: 100% of <checkout> & \"cart\" calls"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "HTTPS callbacks from the database"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    security_groups = [aws_security_group.db.id]
  }
}

resource "aws_security_group" "db" {
  name        = "orders <db>"
  description = "Orders database, PostgreSQL"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the orders API"
}

resource "aws_vpc_security_group_ingress_rule" "db_admin" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH"
}

resource "aws_vpc_security_group_egress_rule" "app_out" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "Everything"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_instance" "api" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.app.id, aws_security_group.db.id]
}
