# Ranges not known before apply that are not a network's own block: nothing is known of them.
variable "office_cidrs" {
  type = list(string)
}

resource "aws_security_group" "admin" {
  name        = "admin-hosts"
  description = "Admin hosts"

  ingress {
    description = "SSH from the offices"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.office_cidrs
  }
}

resource "aws_vpc_security_group_ingress_rule" "partner" {
  security_group_id = aws_security_group.admin.id
  description       = "HTTPS from the partner network"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = module.partner.egress_cidr
}

resource "aws_security_group_rule" "vpn" {
  type              = "ingress"
  security_group_id = aws_security_group.admin.id
  description       = "HTTPS from the VPN clients"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [data.aws_ec2_client_vpn_endpoint.main.client_cidr_block]
}
