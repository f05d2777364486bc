resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application"
}

resource "aws_security_group_rule" "from_lb" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8080
  cidr_blocks       = ["10.0.1.0/24"]
  description       = "HTTP <8080> from the load balancer"
}

resource "aws_vpc_security_group_egress_rule" "to_api" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.30.0/24"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to the payments team's API"
}
