resource "aws_security_group" "api" {
  name        = "partner-api"
  description = "Partner API"
}

resource "aws_security_group_rule" "partners" {
  type              = "ingress"
  security_group_id = aws_security_group.api.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24", "10.0.7.0/24", "10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24", "10.0.14.0/24", "10.0.15.0/24", "10.0.16.0/24", "10.0.17.0/24", "10.0.18.0/24", "10.0.19.0/24", "10.0.20.0/24", "10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24", "10.0.24.0/24", "10.0.25.0/24", "10.0.26.0/24", "10.0.27.0/24", "10.0.28.0/24", "10.0.29.0/24", "10.0.30.0/24", "10.0.31.0/24", "10.0.32.0/24", "10.0.33.0/24", "10.0.34.0/24", "10.0.35.0/24", "10.0.36.0/24", "10.0.37.0/24", "10.0.38.0/24", "10.0.39.0/24", "10.0.40.0/24", "10.0.41.0/24", "10.0.42.0/24", "10.0.43.0/24", "10.0.44.0/24", "10.0.45.0/24", "10.0.46.0/24", "10.0.47.0/24", "10.0.48.0/24", "10.0.49.0/24", "10.0.50.0/24", "10.0.51.0/24", "10.0.52.0/24", "10.0.53.0/24", "10.0.54.0/24", "10.0.55.0/24", "10.0.56.0/24", "10.0.57.0/24", "10.0.58.0/24"]
  description       = "HTTPS from partners"
}

resource "aws_security_group_rule" "monitoring" {
  type                     = "ingress"
  security_group_id        = aws_security_group.api.id
  source_security_group_id = aws_security_group.monitoring.id
  from_port                = 9100
  to_port                  = 9100
  protocol                 = "tcp"
  description              = "The 60th inbound IPv4 rule: a group reference counts as one"
}

resource "aws_security_group_rule" "more_partners" {
  type              = "ingress"
  security_group_id = aws_security_group.api.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = var.more_partner_cidrs
  description       = "Any number of CIDRs known at apply time"
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring"
  description = "Prometheus servers"
}
