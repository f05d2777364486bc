# `egress = []` manages the group's egress list: it removes the egress rule resources' rules.
resource "aws_security_group" "batch" {
  name        = "batch-workers"
  description = "Batch workers"
  egress      = []
}

resource "aws_vpc_security_group_egress_rule" "s3" {
  security_group_id = aws_security_group.batch.id
  prefix_list_id    = "pl-63a5400a"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to S3"
}
