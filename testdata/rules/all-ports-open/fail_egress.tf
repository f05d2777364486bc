resource "aws_security_group" "batch" {
  name        = "batch-workers"
  description = "Batch workers"
}

resource "aws_vpc_security_group_egress_rule" "to_partner" {
  security_group_id = aws_security_group.batch.id
  cidr_ipv4         = "198.51.100.0/24"
  ip_protocol       = "-1"
  description       = "Everything to the partner network"
}
