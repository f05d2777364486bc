# sglint:ignore-file missing-rule-description -- rules described in the wiki
resource "aws_security_group" "batch" {
  name        = "batch-workers"
  description = "Batch workers"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
