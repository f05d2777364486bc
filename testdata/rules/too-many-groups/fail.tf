resource "aws_instance" "game" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "c7g.large"
  vpc_security_group_ids = [
    aws_security_group.ssh.id,
    aws_security_group.https.id,
    aws_security_group.game_udp.id,
    aws_security_group.metrics.id,
    aws_security_group.nfs.id,
    var.extra_security_group_id,
  ]
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = var.role_arn

  vpc_config {
    subnet_ids = var.subnet_ids
    security_group_ids = [
      "sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06", "sg-07", "sg-08", "sg-09",
      "sg-10", "sg-11", "sg-12", "sg-13", "sg-14", "sg-15", "sg-16", "sg-17",
    ]
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"

  network_interfaces {
    security_groups = ["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"]
  }
}
