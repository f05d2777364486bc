# Rule resources that add to a VPC's default group by its id, without declaring the group.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_vpc_security_group_ingress_rule" "bastion_ssh" {
  security_group_id = aws_vpc.main.default_security_group_id
  description       = "SSH from the office"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "198.51.100.0/24"
}

# terraform-aws-modules/vpc outputs its VPC's default group as `default_security_group_id`.
resource "aws_security_group_rule" "office_https" {
  type              = "ingress"
  security_group_id = module.vpc.default_security_group_id
  description       = "HTTPS from the office"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["198.51.100.0/24"]
}
