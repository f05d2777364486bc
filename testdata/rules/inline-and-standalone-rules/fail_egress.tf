resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"

  egress {
    description = "HTTPS to the VPC endpoints"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpc_security_group_egress_rule" "to_db" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.20.0/24"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  description       = "PostgreSQL to the database subnet"
}
