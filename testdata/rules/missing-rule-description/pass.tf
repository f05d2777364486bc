variable "rules" {
  default = [
    { port = 9100, description = "Node exporter from monitoring" },
  ]
}

variable "unknown_rules" {}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application servers"

  ingress {
    description     = "HTTP from the load balancer"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }

  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      description = rule.value.description
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      self        = true
    }
  }

  # for_each not known: the block may produce no rule at all.
  dynamic "egress" {
    for_each = var.unknown_rules
    content {
      from_port = 0
      to_port   = 0
      protocol  = "-1"
    }
  }
}

resource "aws_security_group" "lb" {
  name        = "orders-lb"
  description = "Orders load balancer"
}

resource "aws_security_group_rule" "lb_https" {
  type              = "ingress"
  security_group_id = aws_security_group.lb.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "HTTPS from the internet"
}

resource "aws_vpc_security_group_ingress_rule" "lb_http" {
  security_group_id = aws_security_group.lb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  description       = var.unknown_rules
}
