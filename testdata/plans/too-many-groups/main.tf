provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "game" {
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "c7g.large"
  vpc_security_group_ids = ["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"]
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"

  vpc_config {
    subnet_ids         = ["subnet-1"]
    security_group_ids = ["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06", "sg-07"]
  }
}
