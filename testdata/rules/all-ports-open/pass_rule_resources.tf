resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"
}

resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 0
  to_port           = 1024
  cidr_blocks       = ["203.0.113.0/24"]
  description       = "Low ports from the office"
}

resource "aws_vpc_security_group_ingress_rule" "web" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "203.0.113.0/24"
  description       = "HTTPS from the office"
}

resource "aws_vpc_security_group_egress_rule" "to_db" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.db.id
  description                  = "Everything to the database group"
}
