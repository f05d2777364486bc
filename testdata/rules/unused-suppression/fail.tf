# sglint:ignore public-ingress -- the office range is public
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.bastion.id
  cidr_ipv4         = "203.0.113.0/24"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH from the office"
}

resource "aws_security_group" "bastion" {
  # sglint:ignore missing-group-description, name-describes-traffic -- legacy name kept
  name        = "bastion-hosts"
  description = "Bastion hosts"
}
