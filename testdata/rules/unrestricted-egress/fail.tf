resource "aws_security_group" "worker" {
  name        = "batch-workers"
  description = "Batch workers"

  egress {
    description      = "Everything out"
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group_rule" "all_out" {
  type              = "egress"
  security_group_id = aws_security_group.worker.id
  description       = "Everything out"
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_egress_rule" "all_out_v6" {
  security_group_id = aws_security_group.worker.id
  description       = "Everything out over IPv6"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}
