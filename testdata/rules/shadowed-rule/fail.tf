resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application servers"

  ingress {
    description = "Internal network"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "HTTPS from the load balancer subnets"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.1.0/24", "192.168.0.0/24"]
  }

  egress {
    description = "Everything to the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group_rule" "app_ping" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 8
  to_port           = 0
  protocol          = "icmp"
  cidr_blocks       = ["10.2.0.0/16"]
  description       = "Ping from the office network"
}

resource "aws_vpc_security_group_ingress_rule" "app_icmp" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.0.0/8"
  ip_protocol       = "icmp"
  from_port         = -1
  to_port           = -1
  description       = "All ICMP from the internal network"
}

resource "aws_vpc_security_group_ingress_rule" "app_metrics" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.5.0/24"
  ip_protocol       = "6"
  from_port         = 9100
  to_port           = 9100
  description       = "Node exporter from the monitoring subnet"
}

resource "aws_vpc_security_group_egress_rule" "app_postgres" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.20.0/24"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  description       = "PostgreSQL to the database subnet"
}

output "app_security_group_id" {
  value = aws_security_group.app.id
}
