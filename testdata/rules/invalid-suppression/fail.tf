resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # sglint:ignore public-ingress
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  description       = "HTTPS for the web shop"
}

resource "aws_vpc_security_group_ingress_rule" "admin" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # sglint:ignore public-ingres -- typo in the rule id
  ip_protocol       = "tcp"
  from_port         = 9443
  to_port           = 9443
  description       = "Admin UI"
}

# sglint:ignore -- forgot which rule
resource "aws_security_group" "cache" {
  name        = "orders-cache"
  description = "Orders cache"
}
