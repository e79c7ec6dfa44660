# EC2 runner AMI: Amazon Linux 2023 with Docker, gitlab-runner and the glr bootstrap.
# Build both architectures:   packer init . && packer build -var-file=runner.pkrvars.hcl .
# One architecture only:      packer build -only='glr-runner.amazon-ebs.x86_64' -var-file=runner.pkrvars.hcl .
# See README.md for the variables, the timings and the contract with the AutoScaler.

packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      version = ">= 1.3.0"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "region" {
  type        = string
  description = "Region to build in; the AMI is registered there."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet of the build instance (empty: the default VPC). It needs outbound HTTPS for dnf, the gitlab-runner download and image pulls."
}

variable "associate_public_ip_address" {
  type        = bool
  default     = true
  description = "Give the build instance a public IP so Packer can reach it over SSH. Set false with ssh_interface = \"session_manager\" for private subnets."
}

variable "ssh_interface" {
  type        = string
  default     = "public_ip"
  description = "How Packer reaches the build instance: public_ip, private_ip or session_manager."
}

variable "instance_type_x86_64" {
  type        = string
  default     = "t3.medium"
  description = "Build instance type for the x86_64 AMI."
}

variable "instance_type_arm64" {
  type        = string
  default     = "t4g.medium"
  description = "Build instance type for the arm64 AMI."
}

variable "volume_size_gib" {
  type        = number
  default     = 30
  description = "Root volume of the AMI (gp3). A launch template may ask for more, never less."
}

variable "source_ami_owner" {
  type        = string
  default     = "amazon"
  description = "Owner of the base image. Change with source_ami_name_* for a custom base image (see README)."
}

variable "source_ami_name_x86_64" {
  type        = string
  default     = "al2023-ami-2023.*-kernel-*-x86_64"
  description = "Name filter of the x86_64 base image; the newest match is used."
}

variable "source_ami_name_arm64" {
  type        = string
  default     = "al2023-ami-2023.*-kernel-*-arm64"
  description = "Name filter of the arm64 base image; the newest match is used."
}

variable "gitlab_runner_version" {
  type        = string
  default     = "19.3.0"
  description = "gitlab-runner release baked into the AMI (17.1 or later: the bootstrap uses run-single --runner)."
  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.gitlab_runner_version))
    error_message = "The gitlab_runner_version must look like 19.3.0."
  }
}

variable "gitlab_runner_sha256" {
  type        = map(string)
  description = "SHA-256 of the packages of gitlab_runner_version, keyed gitlab-runner_amd64.rpm, gitlab-runner_arm64.rpm and gitlab-runner-helper-images.rpm (README: Pinning gitlab-runner)."
  validation {
    condition = alltrue([
      for name in ["gitlab-runner_amd64.rpm", "gitlab-runner_arm64.rpm", "gitlab-runner-helper-images.rpm"] :
      can(regex("^[0-9a-f]{64}$", lookup(var.gitlab_runner_sha256, name, "")))
    ])
    error_message = "The gitlab_runner_sha256 map needs a 64-hex SHA-256 for gitlab-runner_amd64.rpm, gitlab-runner_arm64.rpm and gitlab-runner-helper-images.rpm."
  }
}

variable "default_docker_image" {
  type        = string
  default     = "alpine:3.20"
  description = "Image of a docker-executor job that names none and whose runner plan sets no dockerImage."
}

variable "prepull_images" {
  type        = list(string)
  default     = ["alpine:3.20"]
  description = "Images pulled into the AMI so the first job starts without a pull."
}

variable "ami_name_prefix" {
  type        = string
  default     = "glr-runner"
  description = "AMI names are <prefix>-<arch>-<gitlab-runner version>-<timestamp>."
}

variable "ami_id_parameter_prefix" {
  type        = string
  default     = "/gitlabrunner/ami-id/"
  description = "SSM path the AMI ids are written to (<prefix>x86_64, <prefix>arm64) for the launch template's resolve:ssm. Empty: write nothing."
}

variable "tags" {
  type        = map(string)
  default     = {}
  description = "Extra tags for the AMI and its snapshots."
}

locals {
  timestamp = formatdate("YYYYMMDDhhmmss", timestamp())
  ami_tags = merge(var.tags, {
    "glr:managed"               = "true"
    "glr:gitlab-runner-version" = var.gitlab_runner_version
    "glr:source-ami"            = "{{ .SourceAMI }}"
  })
  provision_environment = [
    "GITLAB_RUNNER_VERSION=${var.gitlab_runner_version}",
    "GITLAB_RUNNER_SHA256_AMD64=${lookup(var.gitlab_runner_sha256, "gitlab-runner_amd64.rpm", "")}",
    "GITLAB_RUNNER_SHA256_ARM64=${lookup(var.gitlab_runner_sha256, "gitlab-runner_arm64.rpm", "")}",
    "GITLAB_RUNNER_HELPER_IMAGES_SHA256=${lookup(var.gitlab_runner_sha256, "gitlab-runner-helper-images.rpm", "")}",
    "GLR_FILES_DIR=/tmp/glr-files",
    "DEFAULT_DOCKER_IMAGE=${var.default_docker_image}",
    "PREPULL_IMAGES=${join(" ", var.prepull_images)}",
  ]
}

source "amazon-ebs" "x86_64" {
  region                      = var.region
  subnet_id                   = var.subnet_id
  associate_public_ip_address = var.associate_public_ip_address
  ssh_interface               = var.ssh_interface
  instance_type               = var.instance_type_x86_64
  ssh_username                = "ec2-user"
  ami_name                    = "${var.ami_name_prefix}-x86_64-${var.gitlab_runner_version}-${local.timestamp}"
  ami_description             = "GitLab single-job runner (glr), gitlab-runner ${var.gitlab_runner_version}, x86_64"
  imds_support                = "v2.0"
  tags                        = merge(local.ami_tags, { "glr:arch" = "x86_64" })
  snapshot_tags               = merge(local.ami_tags, { "glr:arch" = "x86_64" })

  source_ami_filter {
    owners      = [var.source_ami_owner]
    most_recent = true
    filters = {
      name                = var.source_ami_name_x86_64
      architecture        = "x86_64"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
  }

  # The build instance follows the runners' metadata rules: IMDSv2 only, one hop.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = var.volume_size_gib
    volume_type           = "gp3"
    iops                  = 3000
    throughput            = 125
    delete_on_termination = true
    encrypted             = true
  }
}

source "amazon-ebs" "arm64" {
  region                      = var.region
  subnet_id                   = var.subnet_id
  associate_public_ip_address = var.associate_public_ip_address
  ssh_interface               = var.ssh_interface
  instance_type               = var.instance_type_arm64
  ssh_username                = "ec2-user"
  ami_name                    = "${var.ami_name_prefix}-arm64-${var.gitlab_runner_version}-${local.timestamp}"
  ami_description             = "GitLab single-job runner (glr), gitlab-runner ${var.gitlab_runner_version}, arm64"
  imds_support                = "v2.0"
  tags                        = merge(local.ami_tags, { "glr:arch" = "arm64" })
  snapshot_tags               = merge(local.ami_tags, { "glr:arch" = "arm64" })

  source_ami_filter {
    owners      = [var.source_ami_owner]
    most_recent = true
    filters = {
      name                = var.source_ami_name_arm64
      architecture        = "arm64"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
  }

  # The build instance follows the runners' metadata rules: IMDSv2 only, one hop.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = var.volume_size_gib
    volume_type           = "gp3"
    iops                  = 3000
    throughput            = 125
    delete_on_termination = true
    encrypted             = true
  }
}

build {
  name    = "glr-runner"
  sources = ["source.amazon-ebs.x86_64", "source.amazon-ebs.arm64"]

  provisioner "shell" {
    inline = ["mkdir -p /tmp/glr-files"]
  }

  provisioner "file" {
    sources = [
      "${path.root}/files/glr-bootstrap.sh",
      "${path.root}/files/glr-bootstrap.service",
      "${path.root}/files/cloudwatch-agent.json",
    ]
    destination = "/tmp/glr-files/"
  }

  provisioner "shell" {
    script           = "${path.root}/provision.sh"
    environment_vars = local.provision_environment
    execute_command  = "chmod +x '{{ .Path }}'; sudo env {{ .Vars }} bash '{{ .Path }}'"
  }

  post-processors {
    post-processor "manifest" {
      output     = "${path.root}/manifest.json"
      strip_path = true
    }
    post-processor "shell-local" {
      inline = [
        "bash '${path.root}/publish-ami-id.sh' '${path.root}/manifest.json' '${source.name}' '${var.ami_id_parameter_prefix == "" ? "" : "${var.ami_id_parameter_prefix}${source.name}"}'",
      ]
    }
  }
}
