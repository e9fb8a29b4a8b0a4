/**
 * The JSON Schema (draft 2020-12) the public Attune standard index is validated with
 * (attune-system/index, schema/index.schema.json, commit fef6035), kept here as data.
 * A test keeps it equal to test/fixtures/compat/attune-index.schema.json.
 */
export const attuneIndexSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://raw.githubusercontent.com/attune-system/index/main/schema/index.schema.json",
  "title": "Attune Pack Index",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "registry_name",
    "registry_url",
    "version",
    "last_updated",
    "packs"
  ],
  "properties": {
    "registry_name": {
      "type": "string",
      "minLength": 1
    },
    "registry_url": {
      "type": "string",
      "format": "uri",
      "pattern": "^https://"
    },
    "version": {
      "const": "1.0"
    },
    "last_updated": {
      "type": "string",
      "format": "date-time"
    },
    "packs": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/pack"
      }
    }
  },
  "$defs": {
    "component": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "description"
      ],
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1
        },
        "description": {
          "type": "string"
        }
      }
    },
    "contents": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "actions",
        "sensors",
        "triggers",
        "rules",
        "workflows"
      ],
      "properties": {
        "actions": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/component"
          }
        },
        "sensors": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/component"
          }
        },
        "triggers": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/component"
          }
        },
        "rules": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/component"
          }
        },
        "workflows": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/component"
          }
        }
      }
    },
    "dependencies": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "attune_version": {
          "type": "string"
        },
        "python_version": {
          "type": "string"
        },
        "nodejs_version": {
          "type": "string"
        },
        "packs": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "installSource": {
      "oneOf": [
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "type",
            "url",
            "ref",
            "checksum"
          ],
          "properties": {
            "type": {
              "const": "git"
            },
            "url": {
              "type": "string",
              "format": "uri",
              "pattern": "^https://"
            },
            "ref": {
              "type": "string",
              "minLength": 1
            },
            "checksum": {
              "type": "string",
              "pattern": "^sha256:[0-9a-f]{64}$"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "type",
            "url",
            "checksum"
          ],
          "properties": {
            "type": {
              "const": "archive"
            },
            "url": {
              "type": "string",
              "format": "uri",
              "pattern": "^https://"
            },
            "checksum": {
              "type": "string",
              "pattern": "^sha256:[0-9a-f]{64}$"
            }
          }
        }
      ]
    },
    "pack": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "ref",
        "label",
        "description",
        "version",
        "author",
        "license",
        "keywords",
        "runtime_deps",
        "install_sources",
        "contents"
      ],
      "properties": {
        "ref": {
          "type": "string",
          "pattern": "^[a-z][a-z0-9_-]*$"
        },
        "label": {
          "type": "string",
          "minLength": 1
        },
        "description": {
          "type": "string"
        },
        "use_case": {
          "type": "string"
        },
        "version": {
          "type": "string",
          "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?$"
        },
        "author": {
          "type": "string",
          "minLength": 1
        },
        "email": {
          "type": "string"
        },
        "homepage": {
          "type": "string",
          "format": "uri"
        },
        "repository": {
          "type": "string",
          "format": "uri",
          "pattern": "^https://"
        },
        "license": {
          "type": "string",
          "minLength": 1
        },
        "keywords": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "uniqueItems": true
        },
        "runtime_deps": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "uniqueItems": true
        },
        "install_sources": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/installSource"
          }
        },
        "contents": {
          "$ref": "#/$defs/contents"
        },
        "dependencies": {
          "$ref": "#/$defs/dependencies"
        },
        "meta": {
          "type": "object"
        }
      }
    }
  }
} as const;
