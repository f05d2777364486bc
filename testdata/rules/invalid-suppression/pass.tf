resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # sglint:ignore public-ingress -- the web shop is public
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  description       = "HTTPS for the web shop"
}

resource "aws_vpc_security_group_ingress_rule" "admin" {
  security_group_id = aws_security_group.web.id
  // sglint:ignore public-ingress, all-ports-open -- temporary, removed in ticket OPS-1234
  cidr_ipv4   = "0.0.0.0/0"
  ip_protocol = "tcp"
  from_port   = 9443
  to_port     = 9443
  description = "Admin UI"
}

# Prose that mentions sglint is not a suppression: sglint checks this module in CI.
/* sglint runs on every pull request */
resource "aws_vpc_security_group_ingress_rule" "web_https" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # noqa: E501 (another tool's code)
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS"
}
