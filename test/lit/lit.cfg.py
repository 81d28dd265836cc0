# lit configuration for MLC's FileCheck tests (run through mlc-opt and
# mlc-compile).
import os
import lit.formats

config.name = "MLC"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mlc_tools_dir, "..", "test", "lit")

path = os.path.pathsep.join([config.mlc_tools_dir, config.llvm_tools_dir,
                             config.environment.get("PATH", "")])
config.environment["PATH"] = path
config.substitutions.append(("%onnx_node_data", config.mlc_onnx_node_data))
config.substitutions.append(("%python", config.mlc_venv_python))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
if config.mlc_onnx_node_data:
    config.available_features.add("onnx-data")
