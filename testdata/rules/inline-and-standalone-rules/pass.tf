resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"

  ingress {
    description     = "Metrics scrape"
    from_port       = 9100
    to_port         = 9100
    protocol        = "tcp"
    security_groups = [aws_security_group.monitoring.id]
  }
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring"
  description = "Prometheus servers"
}

resource "aws_vpc_security_group_egress_rule" "scrape" {
  security_group_id            = aws_security_group.monitoring.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 9100
  to_port                      = 9100
  description                  = "Scrape the web front ends"
}
