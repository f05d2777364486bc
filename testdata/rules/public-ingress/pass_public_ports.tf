# 8443 is listed in `public-ports` (pass_public_ports.sglint.toml): public on purpose.
resource "aws_security_group" "game_tls" {
  name        = "game-servers-production"
  description = "Production game servers"

  ingress {
    description = "Game clients over TLS"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
