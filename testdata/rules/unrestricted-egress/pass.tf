variable "protocol" {
  type = string
}

resource "aws_security_group" "worker" {
  name        = "batch-workers"
  description = "Batch workers"

  egress {
    description = "HTTPS out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Everything to the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "Everything from the internet is public-ingress's"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_egress_rule" "unknown_protocol" {
  security_group_id = aws_security_group.worker.id
  description       = "A protocol known at apply time"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = var.protocol
}
