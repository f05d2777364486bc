# Protocol -1 in a rule resource is all traffic whatever the ports say: AWS ignores them.
resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
}

resource "aws_security_group_rule" "postgres" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  description              = "PostgreSQL from the app"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "-1"
  source_security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to the VPC endpoints"
  ip_protocol       = "-1"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.20.0.0/16"
}
