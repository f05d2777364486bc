# With `quota = 2` (fail_quota.sglint.toml), three CIDRs of one rule are three rules: one too many.
resource "aws_security_group" "bastion" {
  name        = "bastion-hosts"
  description = "Bastion hosts"

  ingress {
    description = "SSH from the three offices"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24"]
  }
}
