# sglint:ignore public-ingress -- SSH for the operators' dynamic IPs until the VPN lands
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.bastion.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH from anywhere"
}

resource "aws_security_group" "bastion" {
  name        = "allow-ssh" # sglint:ignore name-describes-traffic -- legacy name kept
  description = "Bastion hosts"
}
