# Every kind of node and highlight the graph draws: a mutual pair, a cycle of inline
# references, public ingress, a self reference, a VPC's CIDR, an external group, a prefix
# list, a source not known before apply, and egress.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "queue" {
  name        = "orders-queue"
  description = "Order queue brokers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "AMQP from the workers"
    protocol        = "tcp"
    from_port       = 5671
    to_port         = 5671
    security_groups = [aws_security_group.workers.id]
  }

  ingress {
    description = "Cluster traffic between brokers"
    protocol    = "tcp"
    from_port   = 25672
    to_port     = 25672
    self        = true
  }
}

resource "aws_security_group" "workers" {
  name        = "orders-workers"
  description = "Order workers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "Callbacks from the brokers"
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [aws_security_group.queue.id]
  }

  egress {
    description     = "HTTPS to S3"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = ["pl-63a5400a"]
  }
}

resource "aws_security_group" "admin" {
  name        = "orders-admin"
  description = "Order administration hosts"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "admin_ssh" {
  security_group_id = aws_security_group.admin.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH from anywhere"
}

resource "aws_vpc_security_group_ingress_rule" "admin_from_vpc" {
  security_group_id = aws_security_group.admin.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "Admin console from the VPC"
}

resource "aws_vpc_security_group_ingress_rule" "admin_from_bastion" {
  security_group_id            = aws_security_group.admin.id
  referenced_security_group_id = data.aws_security_group.bastion.id
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  description                  = "SSH from the shared bastion"
}

resource "aws_vpc_security_group_ingress_rule" "admin_from_partner" {
  security_group_id = aws_security_group.admin.id
  cidr_ipv4         = var.partner_cidr
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "Admin console from the partner"
}

variable "partner_cidr" {
  type = string
}

data "aws_security_group" "bastion" {
  name = "shared-bastion"
}
