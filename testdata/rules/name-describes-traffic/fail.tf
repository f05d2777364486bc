# Seed 003: groups named after what they allow.
resource "aws_security_group" "game" {
  name        = "allow-https-8443"
  description = "Game servers"
}

resource "aws_security_group" "metrics" {
  name_prefix = "allow-egress-9999-"
  description = "Scrapers"
}

# A port the group's own rules open, even if not well known.
resource "aws_security_group" "custom" {
  name        = "game-7777"
  description = "Game servers"

  ingress {
    description = "Game traffic"
    from_port   = 7777
    to_port     = 7777
    protocol    = "udp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Templates: the literal parts are checked.
variable "env" {}

resource "aws_security_group" "templated" {
  name        = "${var.env}-inbound-ssh"
  description = "Bastion"
}

# The Name tag, inside merge().
resource "aws_security_group" "tagged" {
  name_prefix = "bastion-"
  description = "Bastion hosts"
  tags        = merge(var.tags, { Name = "open-rdp-3389" })
}

# A port range.
resource "aws_security_group" "range" {
  name        = "workers-30000-32767"
  description = "Kubernetes node ports"
}

variable "tags" { default = {} }
