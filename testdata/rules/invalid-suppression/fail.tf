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

# Comments that look like suppressions and are not: each finding they meant to silence is
# still reported.
resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # sglint: ignore public-ingress -- space after the colon
  ip_protocol       = "tcp"
  from_port         = 9100
  to_port           = 9100
  description       = "Prometheus node exporter"
}

resource "aws_vpc_security_group_ingress_rule" "grafana" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" // sglint:disable public-ingress -- another linter's word
  ip_protocol       = "tcp"
  from_port         = 3000
  to_port           = 3000
  description       = "Grafana"
}

/* sglint:ignore public-ingress -- a block comment */
resource "aws_vpc_security_group_ingress_rule" "kibana" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # noqa: public-ingress
  ip_protocol       = "tcp"
  from_port         = 5601
  to_port           = 5601
  description       = "Kibana"
}
