provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application (new!) <beta>"
}

resource "aws_vpc_security_group_ingress_rule" "from_lb" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.1.0/24"
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
  description       = "HTTP from the team's load balancer"
}

output "security_group_ids" {
  value = [aws_security_group.app.id]
}
