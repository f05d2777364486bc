# Inline ingress rules and egress rule resources do not touch each other: the provider manages a
# direction only when the group writes it.
resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"

  ingress {
    description     = "HTTPS from the load balancer"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}

resource "aws_security_group" "lb" {
  name        = "public-load-balancers"
  description = "Public load balancers"

  dynamic "egress" {
    for_each = [443]
    content {
      description     = "HTTPS to the web front ends"
      from_port       = egress.value
      to_port         = egress.value
      protocol        = "tcp"
      security_groups = [aws_security_group.web.id]
    }
  }
}

resource "aws_vpc_security_group_egress_rule" "web_to_api" {
  security_group_id            = aws_security_group.web.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  description                  = "API calls to the load balancers"
}

resource "aws_security_group_rule" "lb_health" {
  type                     = "ingress"
  security_group_id        = aws_security_group.lb.id
  source_security_group_id = aws_security_group.web.id
  protocol                 = "tcp"
  from_port                = 8080
  to_port                  = 8080
  description              = "Health reports from the web front ends"
}
