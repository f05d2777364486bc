resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"

  dynamic "ingress" {
    for_each = [443]
    content {
      description = "HTTPS from the VPC"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id            = aws_security_group.web.id
  referenced_security_group_id = aws_security_group.monitoring.id
  ip_protocol                  = "tcp"
  from_port                    = 9100
  to_port                      = 9100
  description                  = "Metrics scrape"
}

resource "aws_security_group_rule" "health" {
  type                     = "ingress"
  security_group_id        = aws_security_group.web.id
  source_security_group_id = aws_security_group.monitoring.id
  protocol                 = "tcp"
  from_port                = 8081
  to_port                  = 8081
  description              = "Health checks"
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring"
  description = "Prometheus servers"
}
