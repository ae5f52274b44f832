// Generated from schema/idmef.schema.json (itself from schema/idmef.ts) by scripts/gen-schema.ts
// with Ajv standalone code generation; do not edit. Run node scripts/gen-schema.ts.
"use strict";
const ajvRuntime_ucs2length = function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
};
export const validate = validate52;
export default validate52;
const schema19 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://idmef-edge.invalid/schema/idmef.schema.json","title":"IDMEF message (RFC 4765) in libprelude's JSON encoding, as accepted by POST /v1/messages","description":"Generated from schema/idmef.ts by scripts/gen-schema.ts; do not edit. Not expressible here: at most one of tool_alert/correlation_alert/overflow_alert, and libprelude's limit of 1024 JSON tokens per message.","anyOf":[{"type":"object","properties":{"version":{"type":"string","const":"1.0"},"alert":{"$ref":"#/$defs/Alert"}},"required":["version","alert"],"additionalProperties":false},{"type":"object","properties":{"version":{"type":"string","const":"1.0"},"heartbeat":{"$ref":"#/$defs/Heartbeat"}},"required":["version","heartbeat"],"additionalProperties":false}],"$defs":{"Alert":{"type":"object","properties":{"messageid":{"type":"string","minLength":1},"analyzer":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/Analyzer"}},"create_time":{"$ref":"#/$defs/DateTime"},"classification":{"$ref":"#/$defs/Classification"},"detect_time":{"$ref":"#/$defs/DateTime"},"analyzer_time":{"$ref":"#/$defs/DateTime"},"source":{"type":"array","items":{"$ref":"#/$defs/Source"}},"target":{"type":"array","items":{"$ref":"#/$defs/Target"}},"assessment":{"$ref":"#/$defs/Assessment"},"additional_data":{"type":"array","items":{"$ref":"#/$defs/AdditionalData"}},"tool_alert":{"type":"object","properties":{"name":{"type":"string"},"command":{"type":"string"},"alertident":{"minItems":1,"type":"array","items":{"type":"object","properties":{"alertident":{"type":"string"},"analyzerid":{"type":"string"}},"required":["alertident"],"additionalProperties":false}}},"required":["name","alertident"],"additionalProperties":false},"correlation_alert":{"type":"object","properties":{"name":{"type":"string"},"alertident":{"minItems":1,"type":"array","items":{"type":"object","properties":{"alertident":{"type":"string"},"analyzerid":{"type":"string"}},"required":["alertident"],"additionalProperties":false}}},"required":["name","alertident"],"additionalProperties":false},"overflow_alert":{"type":"object","properties":{"program":{"type":"string"},"size":{"type":"integer","minimum":0,"maximum":4294967295},"buffer":{"type":"string"}},"required":["program"],"additionalProperties":false}},"required":["messageid","analyzer","create_time","classification"],"additionalProperties":false},"Analyzer":{"type":"object","properties":{"analyzerid":{"type":"string","minLength":1},"name":{"type":"string"},"manufacturer":{"type":"string"},"model":{"type":"string"},"version":{"type":"string"},"class":{"type":"string"},"ostype":{"type":"string"},"osversion":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"process":{"$ref":"#/$defs/Process"}},"required":["analyzerid"],"additionalProperties":false},"Node":{"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","ads","afs","coda","dfs","dns","hosts","kerberos","nds","nis","nisplus","nt","wfw"]},"name":{"type":"string"},"location":{"type":"string"},"address":{"type":"array","items":{"$ref":"#/$defs/Address"}}},"additionalProperties":false},"Address":{"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","atm","e-mail","lotus-notes","mac","sna","vm","ipv4-addr","ipv4-addr-hex","ipv4-net","ipv4-net-mask","ipv6-addr","ipv6-addr-hex","ipv6-net","ipv6-net-mask"]},"vlan_name":{"type":"string"},"vlan_num":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"address":{"type":"string"},"netmask":{"type":"string"}},"required":["address"],"additionalProperties":false},"Process":{"type":"object","properties":{"ident":{"type":"string"},"name":{"type":"string"},"pid":{"type":"integer","minimum":0,"maximum":4294967295},"path":{"type":"string"},"arg":{"type":"array","items":{"type":"string"}},"env":{"type":"array","items":{"type":"string"}}},"required":["name"],"additionalProperties":false},"DateTime":{"type":"string","format":"date-time","pattern":"^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$"},"Classification":{"type":"object","properties":{"ident":{"type":"string"},"text":{"type":"string","minLength":1},"reference":{"type":"array","items":{"$ref":"#/$defs/Reference"}}},"required":["text"],"additionalProperties":false},"Reference":{"type":"object","properties":{"origin":{"type":"string","enum":["unknown","vendor-specific","user-specific","bugtraqid","cve","osvdb"]},"name":{"type":"string"},"url":{"type":"string"},"meaning":{"type":"string"}},"required":["origin","name","url"],"additionalProperties":false},"Source":{"type":"object","properties":{"ident":{"type":"string"},"spoofed":{"type":"string","enum":["unknown","yes","no"]},"interface":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"user":{"$ref":"#/$defs/User"},"process":{"$ref":"#/$defs/Process"},"service":{"$ref":"#/$defs/Service"}},"additionalProperties":false},"User":{"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","application","os-device"]},"user_id":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/UserId"}}},"required":["user_id"],"additionalProperties":false},"UserId":{"type":"object","properties":{"ident":{"type":"string"},"type":{"type":"string","enum":["original-user","current-user","target-user","user-privs","current-group","group-privs","other-privs"]},"tty":{"type":"string"},"name":{"type":"string"},"number":{"type":"integer","minimum":0,"maximum":4294967295}},"additionalProperties":false},"Service":{"type":"object","properties":{"ident":{"type":"string"},"ip_version":{"type":"integer","minimum":0,"maximum":255},"iana_protocol_number":{"type":"integer","minimum":0,"maximum":255},"iana_protocol_name":{"type":"string"},"name":{"type":"string"},"port":{"type":"integer","minimum":0,"maximum":65535},"portlist":{"type":"string"},"protocol":{"type":"string"},"web_service":{"type":"object","properties":{"url":{"type":"string"},"cgi":{"type":"string"},"http_method":{"type":"string"},"arg":{"type":"array","items":{"type":"string"}}},"required":["url"],"additionalProperties":false},"snmp_service":{"type":"object","properties":{"oid":{"type":"string"},"message_processing_model":{"type":"integer","minimum":0,"maximum":4294967295},"security_model":{"type":"integer","minimum":0,"maximum":4294967295},"security_name":{"type":"string"},"security_level":{"type":"integer","minimum":0,"maximum":4294967295},"context_name":{"type":"string"},"context_engine_id":{"type":"string"},"command":{"type":"string"}},"additionalProperties":false}},"additionalProperties":false},"Target":{"type":"object","properties":{"ident":{"type":"string"},"decoy":{"type":"string","enum":["unknown","yes","no"]},"interface":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"user":{"$ref":"#/$defs/User"},"process":{"$ref":"#/$defs/Process"},"service":{"$ref":"#/$defs/Service"},"file":{"type":"array","items":{"$ref":"#/$defs/File"}}},"additionalProperties":false},"File":{"type":"object","properties":{"ident":{"type":"string"},"name":{"type":"string"},"path":{"type":"string"},"create_time":{"$ref":"#/$defs/DateTime"},"modify_time":{"$ref":"#/$defs/DateTime"},"access_time":{"$ref":"#/$defs/DateTime"},"data_size":{"type":"integer","minimum":0,"maximum":9007199254740991},"disk_size":{"type":"integer","minimum":0,"maximum":9007199254740991},"file_access":{"type":"array","items":{"type":"object","properties":{"user_id":{"$ref":"#/$defs/UserId"},"permission":{"type":"array","items":{"type":"string"}}},"required":["user_id"],"additionalProperties":false}},"linkage":{"type":"array","items":{"$ref":"#/$defs/Linkage"}},"inode":{"type":"object","properties":{"change_time":{"$ref":"#/$defs/DateTime"},"number":{"type":"integer","minimum":0,"maximum":4294967295},"major_device":{"type":"integer","minimum":0,"maximum":4294967295},"minor_device":{"type":"integer","minimum":0,"maximum":4294967295},"c_major_device":{"type":"integer","minimum":0,"maximum":4294967295},"c_minor_device":{"type":"integer","minimum":0,"maximum":4294967295}},"additionalProperties":false},"checksum":{"type":"array","items":{"type":"object","properties":{"value":{"type":"string"},"key":{"type":"string"},"algorithm":{"type":"string","enum":["MD4","MD5","SHA1","SHA2-256","SHA2-384","SHA2-512","CRC-32","Haval","Tiger","Gost"]}},"required":["value","algorithm"],"additionalProperties":false}},"category":{"type":"string","enum":["current","original"]},"fstype":{"type":"string","enum":["ufs","efs","nfs","afs","ntfs","fat16","fat32","pcfs","joliet","iso9660"]},"file_type":{"type":"string"}},"required":["name","path","category"],"additionalProperties":false},"Linkage":{"type":"object","properties":{"category":{"type":"string","enum":["hard-link","mount-point","reparse-point","shortcut","stream","symbolic-link"]},"name":{"type":"string"},"path":{"type":"string"},"file":{"$ref":"#/$defs/File"}},"required":["category","name","path"],"additionalProperties":false},"Assessment":{"type":"object","properties":{"impact":{"type":"object","properties":{"severity":{"type":"string","enum":["info","low","medium","high"]},"completion":{"type":"string","enum":["failed","succeeded"]},"type":{"type":"string","enum":["other","admin","dos","file","recon","user"]},"description":{"type":"string"}},"additionalProperties":false},"action":{"type":"array","items":{"type":"object","properties":{"category":{"type":"string","enum":["other","block-installed","notification-sent","taken-offline"]},"description":{"type":"string"}},"additionalProperties":false}},"confidence":{"type":"object","properties":{"rating":{"type":"string","enum":["numeric","low","medium","high"]},"confidence":{"type":"number","minimum":0,"maximum":1}},"additionalProperties":false}},"additionalProperties":false},"AdditionalData":{"oneOf":[{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"string"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"character"},"data":{"type":"string","minLength":1,"maxLength":1}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"portlist"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"xml"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"byte-string"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"date-time"},"data":{"$ref":"#/$defs/DateTime"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"integer"},"data":{"type":"integer","minimum":-9007199254740991,"maximum":9007199254740991}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"byte"},"data":{"type":"integer","minimum":0,"maximum":255}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"ntpstamp"},"data":{"type":"integer","minimum":0,"maximum":9007199254740991}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"real"},"data":{"type":"number"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"boolean"},"data":{"anyOf":[{"type":"number","const":0},{"type":"number","const":1}]}},"required":["type","data"],"additionalProperties":false}]},"Heartbeat":{"type":"object","properties":{"messageid":{"type":"string","minLength":1},"analyzer":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/Analyzer"}},"create_time":{"$ref":"#/$defs/DateTime"},"analyzer_time":{"$ref":"#/$defs/DateTime"},"heartbeat_interval":{"type":"integer","minimum":0,"maximum":4294967295},"additional_data":{"type":"array","items":{"$ref":"#/$defs/AdditionalData"}}},"required":["messageid","analyzer","create_time"],"additionalProperties":false}}};
const schema20 = {"type":"object","properties":{"messageid":{"type":"string","minLength":1},"analyzer":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/Analyzer"}},"create_time":{"$ref":"#/$defs/DateTime"},"classification":{"$ref":"#/$defs/Classification"},"detect_time":{"$ref":"#/$defs/DateTime"},"analyzer_time":{"$ref":"#/$defs/DateTime"},"source":{"type":"array","items":{"$ref":"#/$defs/Source"}},"target":{"type":"array","items":{"$ref":"#/$defs/Target"}},"assessment":{"$ref":"#/$defs/Assessment"},"additional_data":{"type":"array","items":{"$ref":"#/$defs/AdditionalData"}},"tool_alert":{"type":"object","properties":{"name":{"type":"string"},"command":{"type":"string"},"alertident":{"minItems":1,"type":"array","items":{"type":"object","properties":{"alertident":{"type":"string"},"analyzerid":{"type":"string"}},"required":["alertident"],"additionalProperties":false}}},"required":["name","alertident"],"additionalProperties":false},"correlation_alert":{"type":"object","properties":{"name":{"type":"string"},"alertident":{"minItems":1,"type":"array","items":{"type":"object","properties":{"alertident":{"type":"string"},"analyzerid":{"type":"string"}},"required":["alertident"],"additionalProperties":false}}},"required":["name","alertident"],"additionalProperties":false},"overflow_alert":{"type":"object","properties":{"program":{"type":"string"},"size":{"type":"integer","minimum":0,"maximum":4294967295},"buffer":{"type":"string"}},"required":["program"],"additionalProperties":false}},"required":["messageid","analyzer","create_time","classification"],"additionalProperties":false};
const func1 = Object.prototype.hasOwnProperty;
const func2 = ajvRuntime_ucs2length;
const schema21 = {"type":"object","properties":{"analyzerid":{"type":"string","minLength":1},"name":{"type":"string"},"manufacturer":{"type":"string"},"model":{"type":"string"},"version":{"type":"string"},"class":{"type":"string"},"ostype":{"type":"string"},"osversion":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"process":{"$ref":"#/$defs/Process"}},"required":["analyzerid"],"additionalProperties":false};
const schema22 = {"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","ads","afs","coda","dfs","dns","hosts","kerberos","nds","nis","nisplus","nt","wfw"]},"name":{"type":"string"},"location":{"type":"string"},"address":{"type":"array","items":{"$ref":"#/$defs/Address"}}},"additionalProperties":false};
const schema23 = {"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","atm","e-mail","lotus-notes","mac","sna","vm","ipv4-addr","ipv4-addr-hex","ipv4-net","ipv4-net-mask","ipv6-addr","ipv6-addr-hex","ipv6-net","ipv6-net-mask"]},"vlan_name":{"type":"string"},"vlan_num":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"address":{"type":"string"},"netmask":{"type":"string"}},"required":["address"],"additionalProperties":false};

function validate56(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate56.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.address === undefined) && (missing0 = "address")){
validate56.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((key0 === "ident") || (key0 === "category")) || (key0 === "vlan_name")) || (key0 === "vlan_num")) || (key0 === "address")) || (key0 === "netmask"))){
validate56.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate56.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.category !== undefined){
let data1 = data.category;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate56.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((((((((((((((data1 === "unknown") || (data1 === "atm")) || (data1 === "e-mail")) || (data1 === "lotus-notes")) || (data1 === "mac")) || (data1 === "sna")) || (data1 === "vm")) || (data1 === "ipv4-addr")) || (data1 === "ipv4-addr-hex")) || (data1 === "ipv4-net")) || (data1 === "ipv4-net-mask")) || (data1 === "ipv6-addr")) || (data1 === "ipv6-addr-hex")) || (data1 === "ipv6-net")) || (data1 === "ipv6-net-mask"))){
validate56.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema23.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.vlan_name !== undefined){
const _errs6 = errors;
if(typeof data.vlan_name !== "string"){
validate56.errors = [{instancePath:instancePath+"/vlan_name",schemaPath:"#/properties/vlan_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.vlan_num !== undefined){
let data3 = data.vlan_num;
const _errs8 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
validate56.errors = [{instancePath:instancePath+"/vlan_num",schemaPath:"#/properties/vlan_num/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs8){
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 2147483647 || isNaN(data3)){
validate56.errors = [{instancePath:instancePath+"/vlan_num",schemaPath:"#/properties/vlan_num/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"}];
return false;
}
else {
if(data3 < -2147483648 || isNaN(data3)){
validate56.errors = [{instancePath:instancePath+"/vlan_num",schemaPath:"#/properties/vlan_num/minimum",keyword:"minimum",params:{comparison: ">=", limit: -2147483648},message:"must be >= -2147483648"}];
return false;
}
}
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.address !== undefined){
const _errs10 = errors;
if(typeof data.address !== "string"){
validate56.errors = [{instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.netmask !== undefined){
const _errs12 = errors;
if(typeof data.netmask !== "string"){
validate56.errors = [{instancePath:instancePath+"/netmask",schemaPath:"#/properties/netmask/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate56.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate56.errors = vErrors;
return errors === 0;
}
validate56.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate55.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "ident") || (key0 === "category")) || (key0 === "name")) || (key0 === "location")) || (key0 === "address"))){
validate55.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate55.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.category !== undefined){
let data1 = data.category;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate55.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((((((((((((data1 === "unknown") || (data1 === "ads")) || (data1 === "afs")) || (data1 === "coda")) || (data1 === "dfs")) || (data1 === "dns")) || (data1 === "hosts")) || (data1 === "kerberos")) || (data1 === "nds")) || (data1 === "nis")) || (data1 === "nisplus")) || (data1 === "nt")) || (data1 === "wfw"))){
validate55.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema22.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs6 = errors;
if(typeof data.name !== "string"){
validate55.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.location !== undefined){
const _errs8 = errors;
if(typeof data.location !== "string"){
validate55.errors = [{instancePath:instancePath+"/location",schemaPath:"#/properties/location/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.address !== undefined){
let data4 = data.address;
const _errs10 = errors;
if(errors === _errs10){
if(Array.isArray(data4)){
var valid1 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
const _errs12 = errors;
if(!(validate56(data4[i0], {instancePath:instancePath+"/address/" + i0,parentData:data4,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
errors = vErrors.length;
}
var valid1 = _errs12 === errors;
if(!valid1){
break;
}
}
}
else {
validate55.errors = [{instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate55.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate55.errors = vErrors;
return errors === 0;
}
validate55.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema24 = {"type":"object","properties":{"ident":{"type":"string"},"name":{"type":"string"},"pid":{"type":"integer","minimum":0,"maximum":4294967295},"path":{"type":"string"},"arg":{"type":"array","items":{"type":"string"}},"env":{"type":"array","items":{"type":"string"}}},"required":["name"],"additionalProperties":false};

function validate59(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate59.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.name === undefined) && (missing0 = "name")){
validate59.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((key0 === "ident") || (key0 === "name")) || (key0 === "pid")) || (key0 === "path")) || (key0 === "arg")) || (key0 === "env"))){
validate59.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate59.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate59.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pid !== undefined){
let data2 = data.pid;
const _errs6 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
validate59.errors = [{instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 4294967295 || isNaN(data2)){
validate59.errors = [{instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data2 < 0 || isNaN(data2)){
validate59.errors = [{instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.path !== undefined){
const _errs8 = errors;
if(typeof data.path !== "string"){
validate59.errors = [{instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.arg !== undefined){
let data4 = data.arg;
const _errs10 = errors;
if(errors === _errs10){
if(Array.isArray(data4)){
var valid1 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
const _errs12 = errors;
if(typeof data4[i0] !== "string"){
validate59.errors = [{instancePath:instancePath+"/arg/" + i0,schemaPath:"#/properties/arg/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs12 === errors;
if(!valid1){
break;
}
}
}
else {
validate59.errors = [{instancePath:instancePath+"/arg",schemaPath:"#/properties/arg/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.env !== undefined){
let data6 = data.env;
const _errs14 = errors;
if(errors === _errs14){
if(Array.isArray(data6)){
var valid2 = true;
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
const _errs16 = errors;
if(typeof data6[i1] !== "string"){
validate59.errors = [{instancePath:instancePath+"/env/" + i1,schemaPath:"#/properties/env/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid2 = _errs16 === errors;
if(!valid2){
break;
}
}
}
else {
validate59.errors = [{instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate59.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate59.errors = vErrors;
return errors === 0;
}
validate59.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate54(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate54.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.analyzerid === undefined) && (missing0 = "analyzerid")){
validate54.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema21.properties, key0))){
validate54.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.analyzerid !== undefined){
let data0 = data.analyzerid;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(func2(data0) < 1){
validate54.errors = [{instancePath:instancePath+"/analyzerid",schemaPath:"#/properties/analyzerid/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate54.errors = [{instancePath:instancePath+"/analyzerid",schemaPath:"#/properties/analyzerid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate54.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.manufacturer !== undefined){
const _errs6 = errors;
if(typeof data.manufacturer !== "string"){
validate54.errors = [{instancePath:instancePath+"/manufacturer",schemaPath:"#/properties/manufacturer/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.model !== undefined){
const _errs8 = errors;
if(typeof data.model !== "string"){
validate54.errors = [{instancePath:instancePath+"/model",schemaPath:"#/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.version !== undefined){
const _errs10 = errors;
if(typeof data.version !== "string"){
validate54.errors = [{instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.class !== undefined){
const _errs12 = errors;
if(typeof data.class !== "string"){
validate54.errors = [{instancePath:instancePath+"/class",schemaPath:"#/properties/class/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ostype !== undefined){
const _errs14 = errors;
if(typeof data.ostype !== "string"){
validate54.errors = [{instancePath:instancePath+"/ostype",schemaPath:"#/properties/ostype/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.osversion !== undefined){
const _errs16 = errors;
if(typeof data.osversion !== "string"){
validate54.errors = [{instancePath:instancePath+"/osversion",schemaPath:"#/properties/osversion/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs16 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.node !== undefined){
const _errs18 = errors;
if(!(validate55(data.node, {instancePath:instancePath+"/node",parentData:data,parentDataProperty:"node",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.process !== undefined){
const _errs19 = errors;
if(!(validate59(data.process, {instancePath:instancePath+"/process",parentData:data,parentDataProperty:"process",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
var valid0 = _errs19 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate54.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate54.errors = vErrors;
return errors === 0;
}
validate54.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema25 = {"type":"string","format":"date-time","pattern":"^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$"};
const pattern3 = new RegExp("^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$", "");

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate62.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(errors === 0){
if(typeof data === "string"){
if(!pattern3.test(data)){
validate62.errors = [{instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$"},message:"must match pattern \""+"^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$"+"\""}];
return false;
}
}
else {
validate62.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
validate62.errors = vErrors;
return errors === 0;
}
validate62.evaluated = {"dynamicProps":false,"dynamicItems":false};

const schema26 = {"type":"object","properties":{"ident":{"type":"string"},"text":{"type":"string","minLength":1},"reference":{"type":"array","items":{"$ref":"#/$defs/Reference"}}},"required":["text"],"additionalProperties":false};
const schema27 = {"type":"object","properties":{"origin":{"type":"string","enum":["unknown","vendor-specific","user-specific","bugtraqid","cve","osvdb"]},"name":{"type":"string"},"url":{"type":"string"},"meaning":{"type":"string"}},"required":["origin","name","url"],"additionalProperties":false};

function validate65(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate65.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.origin === undefined) && (missing0 = "origin")) || ((data.name === undefined) && (missing0 = "name"))) || ((data.url === undefined) && (missing0 = "url"))){
validate65.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((key0 === "origin") || (key0 === "name")) || (key0 === "url")) || (key0 === "meaning"))){
validate65.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.origin !== undefined){
let data0 = data.origin;
const _errs2 = errors;
if(typeof data0 !== "string"){
validate65.errors = [{instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((((data0 === "unknown") || (data0 === "vendor-specific")) || (data0 === "user-specific")) || (data0 === "bugtraqid")) || (data0 === "cve")) || (data0 === "osvdb"))){
validate65.errors = [{instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/enum",keyword:"enum",params:{allowedValues: schema27.properties.origin.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate65.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.url !== undefined){
const _errs6 = errors;
if(typeof data.url !== "string"){
validate65.errors = [{instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.meaning !== undefined){
const _errs8 = errors;
if(typeof data.meaning !== "string"){
validate65.errors = [{instancePath:instancePath+"/meaning",schemaPath:"#/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate65.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate65.errors = vErrors;
return errors === 0;
}
validate65.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate64(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate64.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.text === undefined) && (missing0 = "text")){
validate64.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "ident") || (key0 === "text")) || (key0 === "reference"))){
validate64.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate64.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.text !== undefined){
let data1 = data.text;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data1 === "string"){
if(func2(data1) < 1){
validate64.errors = [{instancePath:instancePath+"/text",schemaPath:"#/properties/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate64.errors = [{instancePath:instancePath+"/text",schemaPath:"#/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reference !== undefined){
let data2 = data.reference;
const _errs6 = errors;
if(errors === _errs6){
if(Array.isArray(data2)){
var valid1 = true;
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
const _errs8 = errors;
if(!(validate65(data2[i0], {instancePath:instancePath+"/reference/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate65.errors : vErrors.concat(validate65.errors);
errors = vErrors.length;
}
var valid1 = _errs8 === errors;
if(!valid1){
break;
}
}
}
else {
validate64.errors = [{instancePath:instancePath+"/reference",schemaPath:"#/properties/reference/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate64.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate64.errors = vErrors;
return errors === 0;
}
validate64.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema28 = {"type":"object","properties":{"ident":{"type":"string"},"spoofed":{"type":"string","enum":["unknown","yes","no"]},"interface":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"user":{"$ref":"#/$defs/User"},"process":{"$ref":"#/$defs/Process"},"service":{"$ref":"#/$defs/Service"}},"additionalProperties":false};
const schema29 = {"type":"object","properties":{"ident":{"type":"string"},"category":{"type":"string","enum":["unknown","application","os-device"]},"user_id":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/UserId"}}},"required":["user_id"],"additionalProperties":false};
const schema30 = {"type":"object","properties":{"ident":{"type":"string"},"type":{"type":"string","enum":["original-user","current-user","target-user","user-privs","current-group","group-privs","other-privs"]},"tty":{"type":"string"},"name":{"type":"string"},"number":{"type":"integer","minimum":0,"maximum":4294967295}},"additionalProperties":false};

function validate73(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate73.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "ident") || (key0 === "type")) || (key0 === "tty")) || (key0 === "name")) || (key0 === "number"))){
validate73.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate73.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.type !== undefined){
let data1 = data.type;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate73.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((((((data1 === "original-user") || (data1 === "current-user")) || (data1 === "target-user")) || (data1 === "user-privs")) || (data1 === "current-group")) || (data1 === "group-privs")) || (data1 === "other-privs"))){
validate73.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema30.properties.type.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tty !== undefined){
const _errs6 = errors;
if(typeof data.tty !== "string"){
validate73.errors = [{instancePath:instancePath+"/tty",schemaPath:"#/properties/tty/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs8 = errors;
if(typeof data.name !== "string"){
validate73.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.number !== undefined){
let data4 = data.number;
const _errs10 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
validate73.errors = [{instancePath:instancePath+"/number",schemaPath:"#/properties/number/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs10){
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 4294967295 || isNaN(data4)){
validate73.errors = [{instancePath:instancePath+"/number",schemaPath:"#/properties/number/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data4 < 0 || isNaN(data4)){
validate73.errors = [{instancePath:instancePath+"/number",schemaPath:"#/properties/number/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate73.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate73.errors = vErrors;
return errors === 0;
}
validate73.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate72(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate72.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.user_id === undefined) && (missing0 = "user_id")){
validate72.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "ident") || (key0 === "category")) || (key0 === "user_id"))){
validate72.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate72.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.category !== undefined){
let data1 = data.category;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate72.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data1 === "unknown") || (data1 === "application")) || (data1 === "os-device"))){
validate72.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema29.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.user_id !== undefined){
let data2 = data.user_id;
const _errs6 = errors;
if(errors === _errs6){
if(Array.isArray(data2)){
if(data2.length < 1){
validate72.errors = [{instancePath:instancePath+"/user_id",schemaPath:"#/properties/user_id/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
const _errs8 = errors;
if(!(validate73(data2[i0], {instancePath:instancePath+"/user_id/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate73.errors : vErrors.concat(validate73.errors);
errors = vErrors.length;
}
var valid1 = _errs8 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate72.errors = [{instancePath:instancePath+"/user_id",schemaPath:"#/properties/user_id/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate72.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate72.errors = vErrors;
return errors === 0;
}
validate72.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema31 = {"type":"object","properties":{"ident":{"type":"string"},"ip_version":{"type":"integer","minimum":0,"maximum":255},"iana_protocol_number":{"type":"integer","minimum":0,"maximum":255},"iana_protocol_name":{"type":"string"},"name":{"type":"string"},"port":{"type":"integer","minimum":0,"maximum":65535},"portlist":{"type":"string"},"protocol":{"type":"string"},"web_service":{"type":"object","properties":{"url":{"type":"string"},"cgi":{"type":"string"},"http_method":{"type":"string"},"arg":{"type":"array","items":{"type":"string"}}},"required":["url"],"additionalProperties":false},"snmp_service":{"type":"object","properties":{"oid":{"type":"string"},"message_processing_model":{"type":"integer","minimum":0,"maximum":4294967295},"security_model":{"type":"integer","minimum":0,"maximum":4294967295},"security_name":{"type":"string"},"security_level":{"type":"integer","minimum":0,"maximum":4294967295},"context_name":{"type":"string"},"context_engine_id":{"type":"string"},"command":{"type":"string"}},"additionalProperties":false}},"additionalProperties":false};

function validate77(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate77.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
validate77.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate77.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ip_version !== undefined){
let data1 = data.ip_version;
const _errs4 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate77.errors = [{instancePath:instancePath+"/ip_version",schemaPath:"#/properties/ip_version/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs4){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 255 || isNaN(data1)){
validate77.errors = [{instancePath:instancePath+"/ip_version",schemaPath:"#/properties/ip_version/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255"}];
return false;
}
else {
if(data1 < 0 || isNaN(data1)){
validate77.errors = [{instancePath:instancePath+"/ip_version",schemaPath:"#/properties/ip_version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.iana_protocol_number !== undefined){
let data2 = data.iana_protocol_number;
const _errs6 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
validate77.errors = [{instancePath:instancePath+"/iana_protocol_number",schemaPath:"#/properties/iana_protocol_number/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 255 || isNaN(data2)){
validate77.errors = [{instancePath:instancePath+"/iana_protocol_number",schemaPath:"#/properties/iana_protocol_number/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255"}];
return false;
}
else {
if(data2 < 0 || isNaN(data2)){
validate77.errors = [{instancePath:instancePath+"/iana_protocol_number",schemaPath:"#/properties/iana_protocol_number/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.iana_protocol_name !== undefined){
const _errs8 = errors;
if(typeof data.iana_protocol_name !== "string"){
validate77.errors = [{instancePath:instancePath+"/iana_protocol_name",schemaPath:"#/properties/iana_protocol_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs10 = errors;
if(typeof data.name !== "string"){
validate77.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.port !== undefined){
let data5 = data.port;
const _errs12 = errors;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
validate77.errors = [{instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs12){
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
validate77.errors = [{instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"}];
return false;
}
else {
if(data5 < 0 || isNaN(data5)){
validate77.errors = [{instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.portlist !== undefined){
const _errs14 = errors;
if(typeof data.portlist !== "string"){
validate77.errors = [{instancePath:instancePath+"/portlist",schemaPath:"#/properties/portlist/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.protocol !== undefined){
const _errs16 = errors;
if(typeof data.protocol !== "string"){
validate77.errors = [{instancePath:instancePath+"/protocol",schemaPath:"#/properties/protocol/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs16 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.web_service !== undefined){
let data8 = data.web_service;
const _errs18 = errors;
if(errors === _errs18){
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
let missing0;
if((data8.url === undefined) && (missing0 = "url")){
validate77.errors = [{instancePath:instancePath+"/web_service",schemaPath:"#/properties/web_service/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs20 = errors;
for(const key1 in data8){
if(!((((key1 === "url") || (key1 === "cgi")) || (key1 === "http_method")) || (key1 === "arg"))){
validate77.errors = [{instancePath:instancePath+"/web_service",schemaPath:"#/properties/web_service/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs20 === errors){
if(data8.url !== undefined){
const _errs21 = errors;
if(typeof data8.url !== "string"){
validate77.errors = [{instancePath:instancePath+"/web_service/url",schemaPath:"#/properties/web_service/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs21 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data8.cgi !== undefined){
const _errs23 = errors;
if(typeof data8.cgi !== "string"){
validate77.errors = [{instancePath:instancePath+"/web_service/cgi",schemaPath:"#/properties/web_service/properties/cgi/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs23 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data8.http_method !== undefined){
const _errs25 = errors;
if(typeof data8.http_method !== "string"){
validate77.errors = [{instancePath:instancePath+"/web_service/http_method",schemaPath:"#/properties/web_service/properties/http_method/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs25 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data8.arg !== undefined){
let data12 = data8.arg;
const _errs27 = errors;
if(errors === _errs27){
if(Array.isArray(data12)){
var valid2 = true;
const len0 = data12.length;
for(let i0=0; i0<len0; i0++){
const _errs29 = errors;
if(typeof data12[i0] !== "string"){
validate77.errors = [{instancePath:instancePath+"/web_service/arg/" + i0,schemaPath:"#/properties/web_service/properties/arg/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid2 = _errs29 === errors;
if(!valid2){
break;
}
}
}
else {
validate77.errors = [{instancePath:instancePath+"/web_service/arg",schemaPath:"#/properties/web_service/properties/arg/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid1 = _errs27 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
}
else {
validate77.errors = [{instancePath:instancePath+"/web_service",schemaPath:"#/properties/web_service/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.snmp_service !== undefined){
let data14 = data.snmp_service;
const _errs31 = errors;
if(errors === _errs31){
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
const _errs33 = errors;
for(const key2 in data14){
if(!((((((((key2 === "oid") || (key2 === "message_processing_model")) || (key2 === "security_model")) || (key2 === "security_name")) || (key2 === "security_level")) || (key2 === "context_name")) || (key2 === "context_engine_id")) || (key2 === "command"))){
validate77.errors = [{instancePath:instancePath+"/snmp_service",schemaPath:"#/properties/snmp_service/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs33 === errors){
if(data14.oid !== undefined){
const _errs34 = errors;
if(typeof data14.oid !== "string"){
validate77.errors = [{instancePath:instancePath+"/snmp_service/oid",schemaPath:"#/properties/snmp_service/properties/oid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs34 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.message_processing_model !== undefined){
let data16 = data14.message_processing_model;
const _errs36 = errors;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
validate77.errors = [{instancePath:instancePath+"/snmp_service/message_processing_model",schemaPath:"#/properties/snmp_service/properties/message_processing_model/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs36){
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 4294967295 || isNaN(data16)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/message_processing_model",schemaPath:"#/properties/snmp_service/properties/message_processing_model/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data16 < 0 || isNaN(data16)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/message_processing_model",schemaPath:"#/properties/snmp_service/properties/message_processing_model/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid3 = _errs36 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.security_model !== undefined){
let data17 = data14.security_model;
const _errs38 = errors;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_model",schemaPath:"#/properties/snmp_service/properties/security_model/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs38){
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 4294967295 || isNaN(data17)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_model",schemaPath:"#/properties/snmp_service/properties/security_model/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data17 < 0 || isNaN(data17)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_model",schemaPath:"#/properties/snmp_service/properties/security_model/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid3 = _errs38 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.security_name !== undefined){
const _errs40 = errors;
if(typeof data14.security_name !== "string"){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_name",schemaPath:"#/properties/snmp_service/properties/security_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs40 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.security_level !== undefined){
let data19 = data14.security_level;
const _errs42 = errors;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_level",schemaPath:"#/properties/snmp_service/properties/security_level/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs42){
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 4294967295 || isNaN(data19)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_level",schemaPath:"#/properties/snmp_service/properties/security_level/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data19 < 0 || isNaN(data19)){
validate77.errors = [{instancePath:instancePath+"/snmp_service/security_level",schemaPath:"#/properties/snmp_service/properties/security_level/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid3 = _errs42 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.context_name !== undefined){
const _errs44 = errors;
if(typeof data14.context_name !== "string"){
validate77.errors = [{instancePath:instancePath+"/snmp_service/context_name",schemaPath:"#/properties/snmp_service/properties/context_name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs44 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.context_engine_id !== undefined){
const _errs46 = errors;
if(typeof data14.context_engine_id !== "string"){
validate77.errors = [{instancePath:instancePath+"/snmp_service/context_engine_id",schemaPath:"#/properties/snmp_service/properties/context_engine_id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs46 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data14.command !== undefined){
const _errs48 = errors;
if(typeof data14.command !== "string"){
validate77.errors = [{instancePath:instancePath+"/snmp_service/command",schemaPath:"#/properties/snmp_service/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs48 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate77.errors = [{instancePath:instancePath+"/snmp_service",schemaPath:"#/properties/snmp_service/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs31 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate77.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate77.errors = vErrors;
return errors === 0;
}
validate77.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate70(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate70.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(((((((key0 === "ident") || (key0 === "spoofed")) || (key0 === "interface")) || (key0 === "node")) || (key0 === "user")) || (key0 === "process")) || (key0 === "service"))){
validate70.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate70.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.spoofed !== undefined){
let data1 = data.spoofed;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate70.errors = [{instancePath:instancePath+"/spoofed",schemaPath:"#/properties/spoofed/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data1 === "unknown") || (data1 === "yes")) || (data1 === "no"))){
validate70.errors = [{instancePath:instancePath+"/spoofed",schemaPath:"#/properties/spoofed/enum",keyword:"enum",params:{allowedValues: schema28.properties.spoofed.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.interface !== undefined){
const _errs6 = errors;
if(typeof data.interface !== "string"){
validate70.errors = [{instancePath:instancePath+"/interface",schemaPath:"#/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.node !== undefined){
const _errs8 = errors;
if(!(validate55(data.node, {instancePath:instancePath+"/node",parentData:data,parentDataProperty:"node",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.user !== undefined){
const _errs9 = errors;
if(!(validate72(data.user, {instancePath:instancePath+"/user",parentData:data,parentDataProperty:"user",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate72.errors : vErrors.concat(validate72.errors);
errors = vErrors.length;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.process !== undefined){
const _errs10 = errors;
if(!(validate59(data.process, {instancePath:instancePath+"/process",parentData:data,parentDataProperty:"process",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.service !== undefined){
const _errs11 = errors;
if(!(validate77(data.service, {instancePath:instancePath+"/service",parentData:data,parentDataProperty:"service",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate77.errors : vErrors.concat(validate77.errors);
errors = vErrors.length;
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate70.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate70.errors = vErrors;
return errors === 0;
}
validate70.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema32 = {"type":"object","properties":{"ident":{"type":"string"},"decoy":{"type":"string","enum":["unknown","yes","no"]},"interface":{"type":"string"},"node":{"$ref":"#/$defs/Node"},"user":{"$ref":"#/$defs/User"},"process":{"$ref":"#/$defs/Process"},"service":{"$ref":"#/$defs/Service"},"file":{"type":"array","items":{"$ref":"#/$defs/File"}}},"additionalProperties":false};
const schema33 = {"type":"object","properties":{"ident":{"type":"string"},"name":{"type":"string"},"path":{"type":"string"},"create_time":{"$ref":"#/$defs/DateTime"},"modify_time":{"$ref":"#/$defs/DateTime"},"access_time":{"$ref":"#/$defs/DateTime"},"data_size":{"type":"integer","minimum":0,"maximum":9007199254740991},"disk_size":{"type":"integer","minimum":0,"maximum":9007199254740991},"file_access":{"type":"array","items":{"type":"object","properties":{"user_id":{"$ref":"#/$defs/UserId"},"permission":{"type":"array","items":{"type":"string"}}},"required":["user_id"],"additionalProperties":false}},"linkage":{"type":"array","items":{"$ref":"#/$defs/Linkage"}},"inode":{"type":"object","properties":{"change_time":{"$ref":"#/$defs/DateTime"},"number":{"type":"integer","minimum":0,"maximum":4294967295},"major_device":{"type":"integer","minimum":0,"maximum":4294967295},"minor_device":{"type":"integer","minimum":0,"maximum":4294967295},"c_major_device":{"type":"integer","minimum":0,"maximum":4294967295},"c_minor_device":{"type":"integer","minimum":0,"maximum":4294967295}},"additionalProperties":false},"checksum":{"type":"array","items":{"type":"object","properties":{"value":{"type":"string"},"key":{"type":"string"},"algorithm":{"type":"string","enum":["MD4","MD5","SHA1","SHA2-256","SHA2-384","SHA2-512","CRC-32","Haval","Tiger","Gost"]}},"required":["value","algorithm"],"additionalProperties":false}},"category":{"type":"string","enum":["current","original"]},"fstype":{"type":"string","enum":["ufs","efs","nfs","afs","ntfs","fat16","fat32","pcfs","joliet","iso9660"]},"file_type":{"type":"string"}},"required":["name","path","category"],"additionalProperties":false};
const schema34 = {"type":"object","properties":{"category":{"type":"string","enum":["hard-link","mount-point","reparse-point","shortcut","stream","symbolic-link"]},"name":{"type":"string"},"path":{"type":"string"},"file":{"$ref":"#/$defs/File"}},"required":["category","name","path"],"additionalProperties":false};
const wrapper0 = {validate: validate85};

function validate90(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate90.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.category === undefined) && (missing0 = "category")) || ((data.name === undefined) && (missing0 = "name"))) || ((data.path === undefined) && (missing0 = "path"))){
validate90.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((key0 === "category") || (key0 === "name")) || (key0 === "path")) || (key0 === "file"))){
validate90.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.category !== undefined){
let data0 = data.category;
const _errs2 = errors;
if(typeof data0 !== "string"){
validate90.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((((data0 === "hard-link") || (data0 === "mount-point")) || (data0 === "reparse-point")) || (data0 === "shortcut")) || (data0 === "stream")) || (data0 === "symbolic-link"))){
validate90.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema34.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate90.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.path !== undefined){
const _errs6 = errors;
if(typeof data.path !== "string"){
validate90.errors = [{instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.file !== undefined){
const _errs8 = errors;
if(!(wrapper0.validate(data.file, {instancePath:instancePath+"/file",parentData:data,parentDataProperty:"file",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate90.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate90.errors = vErrors;
return errors === 0;
}
validate90.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate85(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate85.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.name === undefined) && (missing0 = "name")) || ((data.path === undefined) && (missing0 = "path"))) || ((data.category === undefined) && (missing0 = "category"))){
validate85.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema33.properties, key0))){
validate85.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate85.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate85.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.path !== undefined){
const _errs6 = errors;
if(typeof data.path !== "string"){
validate85.errors = [{instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.create_time !== undefined){
const _errs8 = errors;
if(!(validate62(data.create_time, {instancePath:instancePath+"/create_time",parentData:data,parentDataProperty:"create_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.modify_time !== undefined){
const _errs9 = errors;
if(!(validate62(data.modify_time, {instancePath:instancePath+"/modify_time",parentData:data,parentDataProperty:"modify_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.access_time !== undefined){
const _errs10 = errors;
if(!(validate62(data.access_time, {instancePath:instancePath+"/access_time",parentData:data,parentDataProperty:"access_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.data_size !== undefined){
let data6 = data.data_size;
const _errs11 = errors;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
validate85.errors = [{instancePath:instancePath+"/data_size",schemaPath:"#/properties/data_size/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs11){
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 9007199254740991 || isNaN(data6)){
validate85.errors = [{instancePath:instancePath+"/data_size",schemaPath:"#/properties/data_size/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data6 < 0 || isNaN(data6)){
validate85.errors = [{instancePath:instancePath+"/data_size",schemaPath:"#/properties/data_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.disk_size !== undefined){
let data7 = data.disk_size;
const _errs13 = errors;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
validate85.errors = [{instancePath:instancePath+"/disk_size",schemaPath:"#/properties/disk_size/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs13){
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 9007199254740991 || isNaN(data7)){
validate85.errors = [{instancePath:instancePath+"/disk_size",schemaPath:"#/properties/disk_size/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data7 < 0 || isNaN(data7)){
validate85.errors = [{instancePath:instancePath+"/disk_size",schemaPath:"#/properties/disk_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.file_access !== undefined){
let data8 = data.file_access;
const _errs15 = errors;
if(errors === _errs15){
if(Array.isArray(data8)){
var valid1 = true;
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
const _errs17 = errors;
if(errors === _errs17){
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
let missing1;
if((data9.user_id === undefined) && (missing1 = "user_id")){
validate85.errors = [{instancePath:instancePath+"/file_access/" + i0,schemaPath:"#/properties/file_access/items/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs19 = errors;
for(const key1 in data9){
if(!((key1 === "user_id") || (key1 === "permission"))){
validate85.errors = [{instancePath:instancePath+"/file_access/" + i0,schemaPath:"#/properties/file_access/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs19 === errors){
if(data9.user_id !== undefined){
const _errs20 = errors;
if(!(validate73(data9.user_id, {instancePath:instancePath+"/file_access/" + i0+"/user_id",parentData:data9,parentDataProperty:"user_id",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate73.errors : vErrors.concat(validate73.errors);
errors = vErrors.length;
}
var valid2 = _errs20 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data9.permission !== undefined){
let data11 = data9.permission;
const _errs21 = errors;
if(errors === _errs21){
if(Array.isArray(data11)){
var valid3 = true;
const len1 = data11.length;
for(let i1=0; i1<len1; i1++){
const _errs23 = errors;
if(typeof data11[i1] !== "string"){
validate85.errors = [{instancePath:instancePath+"/file_access/" + i0+"/permission/" + i1,schemaPath:"#/properties/file_access/items/properties/permission/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs23 === errors;
if(!valid3){
break;
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/file_access/" + i0+"/permission",schemaPath:"#/properties/file_access/items/properties/permission/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid2 = _errs21 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/file_access/" + i0,schemaPath:"#/properties/file_access/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs17 === errors;
if(!valid1){
break;
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/file_access",schemaPath:"#/properties/file_access/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.linkage !== undefined){
let data13 = data.linkage;
const _errs25 = errors;
if(errors === _errs25){
if(Array.isArray(data13)){
var valid4 = true;
const len2 = data13.length;
for(let i2=0; i2<len2; i2++){
const _errs27 = errors;
if(!(validate90(data13[i2], {instancePath:instancePath+"/linkage/" + i2,parentData:data13,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate90.errors : vErrors.concat(validate90.errors);
errors = vErrors.length;
}
var valid4 = _errs27 === errors;
if(!valid4){
break;
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/linkage",schemaPath:"#/properties/linkage/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.inode !== undefined){
let data15 = data.inode;
const _errs28 = errors;
if(errors === _errs28){
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
const _errs30 = errors;
for(const key2 in data15){
if(!((((((key2 === "change_time") || (key2 === "number")) || (key2 === "major_device")) || (key2 === "minor_device")) || (key2 === "c_major_device")) || (key2 === "c_minor_device"))){
validate85.errors = [{instancePath:instancePath+"/inode",schemaPath:"#/properties/inode/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs30 === errors){
if(data15.change_time !== undefined){
const _errs31 = errors;
if(!(validate62(data15.change_time, {instancePath:instancePath+"/inode/change_time",parentData:data15,parentDataProperty:"change_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid5 = _errs31 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data15.number !== undefined){
let data17 = data15.number;
const _errs32 = errors;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
validate85.errors = [{instancePath:instancePath+"/inode/number",schemaPath:"#/properties/inode/properties/number/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs32){
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 4294967295 || isNaN(data17)){
validate85.errors = [{instancePath:instancePath+"/inode/number",schemaPath:"#/properties/inode/properties/number/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data17 < 0 || isNaN(data17)){
validate85.errors = [{instancePath:instancePath+"/inode/number",schemaPath:"#/properties/inode/properties/number/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid5 = _errs32 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data15.major_device !== undefined){
let data18 = data15.major_device;
const _errs34 = errors;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
validate85.errors = [{instancePath:instancePath+"/inode/major_device",schemaPath:"#/properties/inode/properties/major_device/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs34){
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 4294967295 || isNaN(data18)){
validate85.errors = [{instancePath:instancePath+"/inode/major_device",schemaPath:"#/properties/inode/properties/major_device/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data18 < 0 || isNaN(data18)){
validate85.errors = [{instancePath:instancePath+"/inode/major_device",schemaPath:"#/properties/inode/properties/major_device/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid5 = _errs34 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data15.minor_device !== undefined){
let data19 = data15.minor_device;
const _errs36 = errors;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
validate85.errors = [{instancePath:instancePath+"/inode/minor_device",schemaPath:"#/properties/inode/properties/minor_device/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs36){
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 4294967295 || isNaN(data19)){
validate85.errors = [{instancePath:instancePath+"/inode/minor_device",schemaPath:"#/properties/inode/properties/minor_device/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data19 < 0 || isNaN(data19)){
validate85.errors = [{instancePath:instancePath+"/inode/minor_device",schemaPath:"#/properties/inode/properties/minor_device/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid5 = _errs36 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data15.c_major_device !== undefined){
let data20 = data15.c_major_device;
const _errs38 = errors;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
validate85.errors = [{instancePath:instancePath+"/inode/c_major_device",schemaPath:"#/properties/inode/properties/c_major_device/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs38){
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 4294967295 || isNaN(data20)){
validate85.errors = [{instancePath:instancePath+"/inode/c_major_device",schemaPath:"#/properties/inode/properties/c_major_device/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data20 < 0 || isNaN(data20)){
validate85.errors = [{instancePath:instancePath+"/inode/c_major_device",schemaPath:"#/properties/inode/properties/c_major_device/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid5 = _errs38 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data15.c_minor_device !== undefined){
let data21 = data15.c_minor_device;
const _errs40 = errors;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
validate85.errors = [{instancePath:instancePath+"/inode/c_minor_device",schemaPath:"#/properties/inode/properties/c_minor_device/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs40){
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 4294967295 || isNaN(data21)){
validate85.errors = [{instancePath:instancePath+"/inode/c_minor_device",schemaPath:"#/properties/inode/properties/c_minor_device/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data21 < 0 || isNaN(data21)){
validate85.errors = [{instancePath:instancePath+"/inode/c_minor_device",schemaPath:"#/properties/inode/properties/c_minor_device/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid5 = _errs40 === errors;
}
else {
var valid5 = true;
}
}
}
}
}
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/inode",schemaPath:"#/properties/inode/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs28 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.checksum !== undefined){
let data22 = data.checksum;
const _errs42 = errors;
if(errors === _errs42){
if(Array.isArray(data22)){
var valid6 = true;
const len3 = data22.length;
for(let i3=0; i3<len3; i3++){
let data23 = data22[i3];
const _errs44 = errors;
if(errors === _errs44){
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
let missing2;
if(((data23.value === undefined) && (missing2 = "value")) || ((data23.algorithm === undefined) && (missing2 = "algorithm"))){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3,schemaPath:"#/properties/checksum/items/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs46 = errors;
for(const key3 in data23){
if(!(((key3 === "value") || (key3 === "key")) || (key3 === "algorithm"))){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3,schemaPath:"#/properties/checksum/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs46 === errors){
if(data23.value !== undefined){
const _errs47 = errors;
if(typeof data23.value !== "string"){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3+"/value",schemaPath:"#/properties/checksum/items/properties/value/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid7 = _errs47 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data23.key !== undefined){
const _errs49 = errors;
if(typeof data23.key !== "string"){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3+"/key",schemaPath:"#/properties/checksum/items/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid7 = _errs49 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data23.algorithm !== undefined){
let data26 = data23.algorithm;
const _errs51 = errors;
if(typeof data26 !== "string"){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3+"/algorithm",schemaPath:"#/properties/checksum/items/properties/algorithm/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((((((((data26 === "MD4") || (data26 === "MD5")) || (data26 === "SHA1")) || (data26 === "SHA2-256")) || (data26 === "SHA2-384")) || (data26 === "SHA2-512")) || (data26 === "CRC-32")) || (data26 === "Haval")) || (data26 === "Tiger")) || (data26 === "Gost"))){
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3+"/algorithm",schemaPath:"#/properties/checksum/items/properties/algorithm/enum",keyword:"enum",params:{allowedValues: schema33.properties.checksum.items.properties.algorithm.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid7 = _errs51 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/checksum/" + i3,schemaPath:"#/properties/checksum/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid6 = _errs44 === errors;
if(!valid6){
break;
}
}
}
else {
validate85.errors = [{instancePath:instancePath+"/checksum",schemaPath:"#/properties/checksum/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs42 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.category !== undefined){
let data27 = data.category;
const _errs53 = errors;
if(typeof data27 !== "string"){
validate85.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data27 === "current") || (data27 === "original"))){
validate85.errors = [{instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema33.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs53 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.fstype !== undefined){
let data28 = data.fstype;
const _errs55 = errors;
if(typeof data28 !== "string"){
validate85.errors = [{instancePath:instancePath+"/fstype",schemaPath:"#/properties/fstype/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((((((((data28 === "ufs") || (data28 === "efs")) || (data28 === "nfs")) || (data28 === "afs")) || (data28 === "ntfs")) || (data28 === "fat16")) || (data28 === "fat32")) || (data28 === "pcfs")) || (data28 === "joliet")) || (data28 === "iso9660"))){
validate85.errors = [{instancePath:instancePath+"/fstype",schemaPath:"#/properties/fstype/enum",keyword:"enum",params:{allowedValues: schema33.properties.fstype.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs55 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.file_type !== undefined){
const _errs57 = errors;
if(typeof data.file_type !== "string"){
validate85.errors = [{instancePath:instancePath+"/file_type",schemaPath:"#/properties/file_type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs57 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate85.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate85.errors = vErrors;
return errors === 0;
}
validate85.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate80(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate80.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!((((((((key0 === "ident") || (key0 === "decoy")) || (key0 === "interface")) || (key0 === "node")) || (key0 === "user")) || (key0 === "process")) || (key0 === "service")) || (key0 === "file"))){
validate80.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.ident !== undefined){
const _errs2 = errors;
if(typeof data.ident !== "string"){
validate80.errors = [{instancePath:instancePath+"/ident",schemaPath:"#/properties/ident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.decoy !== undefined){
let data1 = data.decoy;
const _errs4 = errors;
if(typeof data1 !== "string"){
validate80.errors = [{instancePath:instancePath+"/decoy",schemaPath:"#/properties/decoy/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(((data1 === "unknown") || (data1 === "yes")) || (data1 === "no"))){
validate80.errors = [{instancePath:instancePath+"/decoy",schemaPath:"#/properties/decoy/enum",keyword:"enum",params:{allowedValues: schema32.properties.decoy.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.interface !== undefined){
const _errs6 = errors;
if(typeof data.interface !== "string"){
validate80.errors = [{instancePath:instancePath+"/interface",schemaPath:"#/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.node !== undefined){
const _errs8 = errors;
if(!(validate55(data.node, {instancePath:instancePath+"/node",parentData:data,parentDataProperty:"node",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.user !== undefined){
const _errs9 = errors;
if(!(validate72(data.user, {instancePath:instancePath+"/user",parentData:data,parentDataProperty:"user",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate72.errors : vErrors.concat(validate72.errors);
errors = vErrors.length;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.process !== undefined){
const _errs10 = errors;
if(!(validate59(data.process, {instancePath:instancePath+"/process",parentData:data,parentDataProperty:"process",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.service !== undefined){
const _errs11 = errors;
if(!(validate77(data.service, {instancePath:instancePath+"/service",parentData:data,parentDataProperty:"service",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate77.errors : vErrors.concat(validate77.errors);
errors = vErrors.length;
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.file !== undefined){
let data7 = data.file;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data7)){
var valid1 = true;
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
const _errs14 = errors;
if(!(validate85(data7[i0], {instancePath:instancePath+"/file/" + i0,parentData:data7,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate85.errors : vErrors.concat(validate85.errors);
errors = vErrors.length;
}
var valid1 = _errs14 === errors;
if(!valid1){
break;
}
}
}
else {
validate80.errors = [{instancePath:instancePath+"/file",schemaPath:"#/properties/file/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate80.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate80.errors = vErrors;
return errors === 0;
}
validate80.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema35 = {"type":"object","properties":{"impact":{"type":"object","properties":{"severity":{"type":"string","enum":["info","low","medium","high"]},"completion":{"type":"string","enum":["failed","succeeded"]},"type":{"type":"string","enum":["other","admin","dos","file","recon","user"]},"description":{"type":"string"}},"additionalProperties":false},"action":{"type":"array","items":{"type":"object","properties":{"category":{"type":"string","enum":["other","block-installed","notification-sent","taken-offline"]},"description":{"type":"string"}},"additionalProperties":false}},"confidence":{"type":"object","properties":{"rating":{"type":"string","enum":["numeric","low","medium","high"]},"confidence":{"type":"number","minimum":0,"maximum":1}},"additionalProperties":false}},"additionalProperties":false};

function validate95(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate95.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "impact") || (key0 === "action")) || (key0 === "confidence"))){
validate95.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.impact !== undefined){
let data0 = data.impact;
const _errs2 = errors;
if(errors === _errs2){
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
const _errs4 = errors;
for(const key1 in data0){
if(!((((key1 === "severity") || (key1 === "completion")) || (key1 === "type")) || (key1 === "description"))){
validate95.errors = [{instancePath:instancePath+"/impact",schemaPath:"#/properties/impact/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs4 === errors){
if(data0.severity !== undefined){
let data1 = data0.severity;
const _errs5 = errors;
if(typeof data1 !== "string"){
validate95.errors = [{instancePath:instancePath+"/impact/severity",schemaPath:"#/properties/impact/properties/severity/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((data1 === "info") || (data1 === "low")) || (data1 === "medium")) || (data1 === "high"))){
validate95.errors = [{instancePath:instancePath+"/impact/severity",schemaPath:"#/properties/impact/properties/severity/enum",keyword:"enum",params:{allowedValues: schema35.properties.impact.properties.severity.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid1 = _errs5 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data0.completion !== undefined){
let data2 = data0.completion;
const _errs7 = errors;
if(typeof data2 !== "string"){
validate95.errors = [{instancePath:instancePath+"/impact/completion",schemaPath:"#/properties/impact/properties/completion/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((data2 === "failed") || (data2 === "succeeded"))){
validate95.errors = [{instancePath:instancePath+"/impact/completion",schemaPath:"#/properties/impact/properties/completion/enum",keyword:"enum",params:{allowedValues: schema35.properties.impact.properties.completion.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid1 = _errs7 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data0.type !== undefined){
let data3 = data0.type;
const _errs9 = errors;
if(typeof data3 !== "string"){
validate95.errors = [{instancePath:instancePath+"/impact/type",schemaPath:"#/properties/impact/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((((data3 === "other") || (data3 === "admin")) || (data3 === "dos")) || (data3 === "file")) || (data3 === "recon")) || (data3 === "user"))){
validate95.errors = [{instancePath:instancePath+"/impact/type",schemaPath:"#/properties/impact/properties/type/enum",keyword:"enum",params:{allowedValues: schema35.properties.impact.properties.type.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid1 = _errs9 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data0.description !== undefined){
const _errs11 = errors;
if(typeof data0.description !== "string"){
validate95.errors = [{instancePath:instancePath+"/impact/description",schemaPath:"#/properties/impact/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs11 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
else {
validate95.errors = [{instancePath:instancePath+"/impact",schemaPath:"#/properties/impact/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.action !== undefined){
let data5 = data.action;
const _errs13 = errors;
if(errors === _errs13){
if(Array.isArray(data5)){
var valid2 = true;
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
const _errs15 = errors;
if(errors === _errs15){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
const _errs17 = errors;
for(const key2 in data6){
if(!((key2 === "category") || (key2 === "description"))){
validate95.errors = [{instancePath:instancePath+"/action/" + i0,schemaPath:"#/properties/action/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs17 === errors){
if(data6.category !== undefined){
let data7 = data6.category;
const _errs18 = errors;
if(typeof data7 !== "string"){
validate95.errors = [{instancePath:instancePath+"/action/" + i0+"/category",schemaPath:"#/properties/action/items/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((data7 === "other") || (data7 === "block-installed")) || (data7 === "notification-sent")) || (data7 === "taken-offline"))){
validate95.errors = [{instancePath:instancePath+"/action/" + i0+"/category",schemaPath:"#/properties/action/items/properties/category/enum",keyword:"enum",params:{allowedValues: schema35.properties.action.items.properties.category.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid3 = _errs18 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data6.description !== undefined){
const _errs20 = errors;
if(typeof data6.description !== "string"){
validate95.errors = [{instancePath:instancePath+"/action/" + i0+"/description",schemaPath:"#/properties/action/items/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs20 === errors;
}
else {
var valid3 = true;
}
}
}
}
else {
validate95.errors = [{instancePath:instancePath+"/action/" + i0,schemaPath:"#/properties/action/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs15 === errors;
if(!valid2){
break;
}
}
}
else {
validate95.errors = [{instancePath:instancePath+"/action",schemaPath:"#/properties/action/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.confidence !== undefined){
let data9 = data.confidence;
const _errs22 = errors;
if(errors === _errs22){
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
const _errs24 = errors;
for(const key3 in data9){
if(!((key3 === "rating") || (key3 === "confidence"))){
validate95.errors = [{instancePath:instancePath+"/confidence",schemaPath:"#/properties/confidence/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs24 === errors){
if(data9.rating !== undefined){
let data10 = data9.rating;
const _errs25 = errors;
if(typeof data10 !== "string"){
validate95.errors = [{instancePath:instancePath+"/confidence/rating",schemaPath:"#/properties/confidence/properties/rating/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!((((data10 === "numeric") || (data10 === "low")) || (data10 === "medium")) || (data10 === "high"))){
validate95.errors = [{instancePath:instancePath+"/confidence/rating",schemaPath:"#/properties/confidence/properties/rating/enum",keyword:"enum",params:{allowedValues: schema35.properties.confidence.properties.rating.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid4 = _errs25 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data9.confidence !== undefined){
let data11 = data9.confidence;
const _errs27 = errors;
if(errors === _errs27){
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1 || isNaN(data11)){
validate95.errors = [{instancePath:instancePath+"/confidence/confidence",schemaPath:"#/properties/confidence/properties/confidence/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"}];
return false;
}
else {
if(data11 < 0 || isNaN(data11)){
validate95.errors = [{instancePath:instancePath+"/confidence/confidence",schemaPath:"#/properties/confidence/properties/confidence/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
else {
validate95.errors = [{instancePath:instancePath+"/confidence/confidence",schemaPath:"#/properties/confidence/properties/confidence/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid4 = _errs27 === errors;
}
else {
var valid4 = true;
}
}
}
}
else {
validate95.errors = [{instancePath:instancePath+"/confidence",schemaPath:"#/properties/confidence/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs22 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate95.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate95.errors = vErrors;
return errors === 0;
}
validate95.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema36 = {"oneOf":[{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"string"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"character"},"data":{"type":"string","minLength":1,"maxLength":1}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"portlist"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"xml"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"byte-string"},"data":{"type":"string"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"date-time"},"data":{"$ref":"#/$defs/DateTime"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"integer"},"data":{"type":"integer","minimum":-9007199254740991,"maximum":9007199254740991}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"byte"},"data":{"type":"integer","minimum":0,"maximum":255}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"ntpstamp"},"data":{"type":"integer","minimum":0,"maximum":9007199254740991}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"real"},"data":{"type":"number"}},"required":["type","data"],"additionalProperties":false},{"type":"object","properties":{"meaning":{"type":"string"},"type":{"type":"string","const":"boolean"},"data":{"anyOf":[{"type":"number","const":0},{"type":"number","const":1}]}},"required":["type","data"],"additionalProperties":false}]};

function validate97(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate97.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(errors === _errs1){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.type === undefined) && (missing0 = "type")) || ((data.data === undefined) && (missing0 = "data"))){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
const _errs3 = errors;
for(const key0 in data){
if(!(((key0 === "meaning") || (key0 === "type")) || (key0 === "data"))){
const err1 = {instancePath,schemaPath:"#/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
break;
}
}
if(_errs3 === errors){
if(data.meaning !== undefined){
const _errs4 = errors;
if(typeof data.meaning !== "string"){
const err2 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/0/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var valid1 = _errs4 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.type !== undefined){
let data1 = data.type;
const _errs6 = errors;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/0/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if("string" !== data1){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/0/properties/type/const",keyword:"const",params:{allowedValue: "string"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var valid1 = _errs6 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.data !== undefined){
const _errs8 = errors;
if(typeof data.data !== "string"){
const err5 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/0/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var valid1 = _errs8 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
var props0 = true;
}
const _errs10 = errors;
if(errors === _errs10){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if(((data.type === undefined) && (missing1 = "type")) || ((data.data === undefined) && (missing1 = "data"))){
const err7 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
const _errs12 = errors;
for(const key1 in data){
if(!(((key1 === "meaning") || (key1 === "type")) || (key1 === "data"))){
const err8 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
}
if(_errs12 === errors){
if(data.meaning !== undefined){
const _errs13 = errors;
if(typeof data.meaning !== "string"){
const err9 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/1/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var valid2 = _errs13 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data.type !== undefined){
let data4 = data.type;
const _errs15 = errors;
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/1/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if("character" !== data4){
const err11 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/1/properties/type/const",keyword:"const",params:{allowedValue: "character"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var valid2 = _errs15 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data.data !== undefined){
let data5 = data.data;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data5 === "string"){
if(func2(data5) > 1){
const err12 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/1/properties/data/maxLength",keyword:"maxLength",params:{limit: 1},message:"must NOT have more than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
if(func2(data5) < 1){
const err13 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/1/properties/data/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/1/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid2 = _errs17 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var _valid0 = _errs10 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
if(props0 !== true){
props0 = true;
}
}
const _errs19 = errors;
if(errors === _errs19){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if(((data.type === undefined) && (missing2 = "type")) || ((data.data === undefined) && (missing2 = "data"))){
const err16 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
const _errs21 = errors;
for(const key2 in data){
if(!(((key2 === "meaning") || (key2 === "type")) || (key2 === "data"))){
const err17 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break;
}
}
if(_errs21 === errors){
if(data.meaning !== undefined){
const _errs22 = errors;
if(typeof data.meaning !== "string"){
const err18 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/2/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var valid3 = _errs22 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data.type !== undefined){
let data7 = data.type;
const _errs24 = errors;
if(typeof data7 !== "string"){
const err19 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/2/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if("portlist" !== data7){
const err20 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/2/properties/type/const",keyword:"const",params:{allowedValue: "portlist"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var valid3 = _errs24 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data.data !== undefined){
const _errs26 = errors;
if(typeof data.data !== "string"){
const err21 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/2/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var valid3 = _errs26 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
var _valid0 = _errs19 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
if(props0 !== true){
props0 = true;
}
}
const _errs28 = errors;
if(errors === _errs28){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if(((data.type === undefined) && (missing3 = "type")) || ((data.data === undefined) && (missing3 = "data"))){
const err23 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
else {
const _errs30 = errors;
for(const key3 in data){
if(!(((key3 === "meaning") || (key3 === "type")) || (key3 === "data"))){
const err24 = {instancePath,schemaPath:"#/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
break;
}
}
if(_errs30 === errors){
if(data.meaning !== undefined){
const _errs31 = errors;
if(typeof data.meaning !== "string"){
const err25 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/3/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var valid4 = _errs31 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data.type !== undefined){
let data10 = data.type;
const _errs33 = errors;
if(typeof data10 !== "string"){
const err26 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/3/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if("xml" !== data10){
const err27 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/3/properties/type/const",keyword:"const",params:{allowedValue: "xml"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var valid4 = _errs33 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data.data !== undefined){
const _errs35 = errors;
if(typeof data.data !== "string"){
const err28 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/3/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
var valid4 = _errs35 === errors;
}
else {
var valid4 = true;
}
}
}
}
}
}
else {
const err29 = {instancePath,schemaPath:"#/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
var _valid0 = _errs28 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
if(props0 !== true){
props0 = true;
}
}
const _errs37 = errors;
if(errors === _errs37){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if(((data.type === undefined) && (missing4 = "type")) || ((data.data === undefined) && (missing4 = "data"))){
const err30 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
else {
const _errs39 = errors;
for(const key4 in data){
if(!(((key4 === "meaning") || (key4 === "type")) || (key4 === "data"))){
const err31 = {instancePath,schemaPath:"#/oneOf/4/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
break;
}
}
if(_errs39 === errors){
if(data.meaning !== undefined){
const _errs40 = errors;
if(typeof data.meaning !== "string"){
const err32 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/4/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
var valid5 = _errs40 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data.type !== undefined){
let data13 = data.type;
const _errs42 = errors;
if(typeof data13 !== "string"){
const err33 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/4/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if("byte-string" !== data13){
const err34 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/4/properties/type/const",keyword:"const",params:{allowedValue: "byte-string"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
var valid5 = _errs42 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data.data !== undefined){
const _errs44 = errors;
if(typeof data.data !== "string"){
const err35 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/4/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
var valid5 = _errs44 === errors;
}
else {
var valid5 = true;
}
}
}
}
}
}
else {
const err36 = {instancePath,schemaPath:"#/oneOf/4/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
var _valid0 = _errs37 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
if(props0 !== true){
props0 = true;
}
}
const _errs46 = errors;
if(errors === _errs46){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing5;
if(((data.type === undefined) && (missing5 = "type")) || ((data.data === undefined) && (missing5 = "data"))){
const err37 = {instancePath,schemaPath:"#/oneOf/5/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
else {
const _errs48 = errors;
for(const key5 in data){
if(!(((key5 === "meaning") || (key5 === "type")) || (key5 === "data"))){
const err38 = {instancePath,schemaPath:"#/oneOf/5/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
break;
}
}
if(_errs48 === errors){
if(data.meaning !== undefined){
const _errs49 = errors;
if(typeof data.meaning !== "string"){
const err39 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/5/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
var valid6 = _errs49 === errors;
}
else {
var valid6 = true;
}
if(valid6){
if(data.type !== undefined){
let data16 = data.type;
const _errs51 = errors;
if(typeof data16 !== "string"){
const err40 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/5/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if("date-time" !== data16){
const err41 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/5/properties/type/const",keyword:"const",params:{allowedValue: "date-time"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
var valid6 = _errs51 === errors;
}
else {
var valid6 = true;
}
if(valid6){
if(data.data !== undefined){
const _errs53 = errors;
if(!(validate62(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid6 = _errs53 === errors;
}
else {
var valid6 = true;
}
}
}
}
}
}
else {
const err42 = {instancePath,schemaPath:"#/oneOf/5/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
var _valid0 = _errs46 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 5];
}
else {
if(_valid0){
valid0 = true;
passing0 = 5;
if(props0 !== true){
props0 = true;
}
}
const _errs54 = errors;
if(errors === _errs54){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing6;
if(((data.type === undefined) && (missing6 = "type")) || ((data.data === undefined) && (missing6 = "data"))){
const err43 = {instancePath,schemaPath:"#/oneOf/6/required",keyword:"required",params:{missingProperty: missing6},message:"must have required property '"+missing6+"'"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
else {
const _errs56 = errors;
for(const key6 in data){
if(!(((key6 === "meaning") || (key6 === "type")) || (key6 === "data"))){
const err44 = {instancePath,schemaPath:"#/oneOf/6/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
break;
}
}
if(_errs56 === errors){
if(data.meaning !== undefined){
const _errs57 = errors;
if(typeof data.meaning !== "string"){
const err45 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/6/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
var valid7 = _errs57 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data.type !== undefined){
let data19 = data.type;
const _errs59 = errors;
if(typeof data19 !== "string"){
const err46 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/6/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if("integer" !== data19){
const err47 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/6/properties/type/const",keyword:"const",params:{allowedValue: "integer"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
var valid7 = _errs59 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data.data !== undefined){
let data20 = data.data;
const _errs61 = errors;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err48 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/6/properties/data/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(errors === _errs61){
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 9007199254740991 || isNaN(data20)){
const err49 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/6/properties/data/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
else {
if(data20 < -9007199254740991 || isNaN(data20)){
const err50 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/6/properties/data/minimum",keyword:"minimum",params:{comparison: ">=", limit: -9007199254740991},message:"must be >= -9007199254740991"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
}
var valid7 = _errs61 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/oneOf/6/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
var _valid0 = _errs54 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 6];
}
else {
if(_valid0){
valid0 = true;
passing0 = 6;
if(props0 !== true){
props0 = true;
}
}
const _errs63 = errors;
if(errors === _errs63){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing7;
if(((data.type === undefined) && (missing7 = "type")) || ((data.data === undefined) && (missing7 = "data"))){
const err52 = {instancePath,schemaPath:"#/oneOf/7/required",keyword:"required",params:{missingProperty: missing7},message:"must have required property '"+missing7+"'"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
else {
const _errs65 = errors;
for(const key7 in data){
if(!(((key7 === "meaning") || (key7 === "type")) || (key7 === "data"))){
const err53 = {instancePath,schemaPath:"#/oneOf/7/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break;
}
}
if(_errs65 === errors){
if(data.meaning !== undefined){
const _errs66 = errors;
if(typeof data.meaning !== "string"){
const err54 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/7/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
var valid8 = _errs66 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data.type !== undefined){
let data22 = data.type;
const _errs68 = errors;
if(typeof data22 !== "string"){
const err55 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/7/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if("byte" !== data22){
const err56 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/7/properties/type/const",keyword:"const",params:{allowedValue: "byte"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
var valid8 = _errs68 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data.data !== undefined){
let data23 = data.data;
const _errs70 = errors;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err57 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/7/properties/data/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(errors === _errs70){
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 > 255 || isNaN(data23)){
const err58 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/7/properties/data/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
else {
if(data23 < 0 || isNaN(data23)){
const err59 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/7/properties/data/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
}
var valid8 = _errs70 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
}
else {
const err60 = {instancePath,schemaPath:"#/oneOf/7/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
var _valid0 = _errs63 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 7];
}
else {
if(_valid0){
valid0 = true;
passing0 = 7;
if(props0 !== true){
props0 = true;
}
}
const _errs72 = errors;
if(errors === _errs72){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing8;
if(((data.type === undefined) && (missing8 = "type")) || ((data.data === undefined) && (missing8 = "data"))){
const err61 = {instancePath,schemaPath:"#/oneOf/8/required",keyword:"required",params:{missingProperty: missing8},message:"must have required property '"+missing8+"'"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
else {
const _errs74 = errors;
for(const key8 in data){
if(!(((key8 === "meaning") || (key8 === "type")) || (key8 === "data"))){
const err62 = {instancePath,schemaPath:"#/oneOf/8/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
break;
}
}
if(_errs74 === errors){
if(data.meaning !== undefined){
const _errs75 = errors;
if(typeof data.meaning !== "string"){
const err63 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/8/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
var valid9 = _errs75 === errors;
}
else {
var valid9 = true;
}
if(valid9){
if(data.type !== undefined){
let data25 = data.type;
const _errs77 = errors;
if(typeof data25 !== "string"){
const err64 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/8/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if("ntpstamp" !== data25){
const err65 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/8/properties/type/const",keyword:"const",params:{allowedValue: "ntpstamp"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
var valid9 = _errs77 === errors;
}
else {
var valid9 = true;
}
if(valid9){
if(data.data !== undefined){
let data26 = data.data;
const _errs79 = errors;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err66 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/8/properties/data/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(errors === _errs79){
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 > 9007199254740991 || isNaN(data26)){
const err67 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/8/properties/data/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
else {
if(data26 < 0 || isNaN(data26)){
const err68 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/8/properties/data/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
}
var valid9 = _errs79 === errors;
}
else {
var valid9 = true;
}
}
}
}
}
}
else {
const err69 = {instancePath,schemaPath:"#/oneOf/8/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
var _valid0 = _errs72 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 8];
}
else {
if(_valid0){
valid0 = true;
passing0 = 8;
if(props0 !== true){
props0 = true;
}
}
const _errs81 = errors;
if(errors === _errs81){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing9;
if(((data.type === undefined) && (missing9 = "type")) || ((data.data === undefined) && (missing9 = "data"))){
const err70 = {instancePath,schemaPath:"#/oneOf/9/required",keyword:"required",params:{missingProperty: missing9},message:"must have required property '"+missing9+"'"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
else {
const _errs83 = errors;
for(const key9 in data){
if(!(((key9 === "meaning") || (key9 === "type")) || (key9 === "data"))){
const err71 = {instancePath,schemaPath:"#/oneOf/9/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
break;
}
}
if(_errs83 === errors){
if(data.meaning !== undefined){
const _errs84 = errors;
if(typeof data.meaning !== "string"){
const err72 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/9/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
var valid10 = _errs84 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.type !== undefined){
let data28 = data.type;
const _errs86 = errors;
if(typeof data28 !== "string"){
const err73 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/9/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if("real" !== data28){
const err74 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/9/properties/type/const",keyword:"const",params:{allowedValue: "real"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
var valid10 = _errs86 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.data !== undefined){
let data29 = data.data;
const _errs88 = errors;
if(!((typeof data29 == "number") && (isFinite(data29)))){
const err75 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/9/properties/data/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
var valid10 = _errs88 === errors;
}
else {
var valid10 = true;
}
}
}
}
}
}
else {
const err76 = {instancePath,schemaPath:"#/oneOf/9/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
var _valid0 = _errs81 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 9];
}
else {
if(_valid0){
valid0 = true;
passing0 = 9;
if(props0 !== true){
props0 = true;
}
}
const _errs90 = errors;
if(errors === _errs90){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing10;
if(((data.type === undefined) && (missing10 = "type")) || ((data.data === undefined) && (missing10 = "data"))){
const err77 = {instancePath,schemaPath:"#/oneOf/10/required",keyword:"required",params:{missingProperty: missing10},message:"must have required property '"+missing10+"'"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
else {
const _errs92 = errors;
for(const key10 in data){
if(!(((key10 === "meaning") || (key10 === "type")) || (key10 === "data"))){
const err78 = {instancePath,schemaPath:"#/oneOf/10/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
break;
}
}
if(_errs92 === errors){
if(data.meaning !== undefined){
const _errs93 = errors;
if(typeof data.meaning !== "string"){
const err79 = {instancePath:instancePath+"/meaning",schemaPath:"#/oneOf/10/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
var valid11 = _errs93 === errors;
}
else {
var valid11 = true;
}
if(valid11){
if(data.type !== undefined){
let data31 = data.type;
const _errs95 = errors;
if(typeof data31 !== "string"){
const err80 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/10/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if("boolean" !== data31){
const err81 = {instancePath:instancePath+"/type",schemaPath:"#/oneOf/10/properties/type/const",keyword:"const",params:{allowedValue: "boolean"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
var valid11 = _errs95 === errors;
}
else {
var valid11 = true;
}
if(valid11){
if(data.data !== undefined){
let data32 = data.data;
const _errs97 = errors;
const _errs98 = errors;
let valid12 = false;
const _errs99 = errors;
if(!((typeof data32 == "number") && (isFinite(data32)))){
const err82 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/10/properties/data/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(0 !== data32){
const err83 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/10/properties/data/anyOf/0/const",keyword:"const",params:{allowedValue: 0},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
var _valid1 = _errs99 === errors;
valid12 = valid12 || _valid1;
const _errs101 = errors;
if(!((typeof data32 == "number") && (isFinite(data32)))){
const err84 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/10/properties/data/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(1 !== data32){
const err85 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/10/properties/data/anyOf/1/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
var _valid1 = _errs101 === errors;
valid12 = valid12 || _valid1;
if(!valid12){
const err86 = {instancePath:instancePath+"/data",schemaPath:"#/oneOf/10/properties/data/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
else {
errors = _errs98;
if(vErrors !== null){
if(_errs98){
vErrors.length = _errs98;
}
else {
vErrors = null;
}
}
}
var valid11 = _errs97 === errors;
}
else {
var valid11 = true;
}
}
}
}
}
}
else {
const err87 = {instancePath,schemaPath:"#/oneOf/10/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
var _valid0 = _errs90 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 10];
}
else {
if(_valid0){
valid0 = true;
passing0 = 10;
if(props0 !== true){
props0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
if(!valid0){
const err88 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
validate97.errors = vErrors;
return false;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate97.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate97.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate53(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate53.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((data.messageid === undefined) && (missing0 = "messageid")) || ((data.analyzer === undefined) && (missing0 = "analyzer"))) || ((data.create_time === undefined) && (missing0 = "create_time"))) || ((data.classification === undefined) && (missing0 = "classification"))){
validate53.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema20.properties, key0))){
validate53.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.messageid !== undefined){
let data0 = data.messageid;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(func2(data0) < 1){
validate53.errors = [{instancePath:instancePath+"/messageid",schemaPath:"#/properties/messageid/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate53.errors = [{instancePath:instancePath+"/messageid",schemaPath:"#/properties/messageid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.analyzer !== undefined){
let data1 = data.analyzer;
const _errs4 = errors;
if(errors === _errs4){
if(Array.isArray(data1)){
if(data1.length < 1){
validate53.errors = [{instancePath:instancePath+"/analyzer",schemaPath:"#/properties/analyzer/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
const _errs6 = errors;
if(!(validate54(data1[i0], {instancePath:instancePath+"/analyzer/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);
errors = vErrors.length;
}
var valid1 = _errs6 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/analyzer",schemaPath:"#/properties/analyzer/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.create_time !== undefined){
const _errs7 = errors;
if(!(validate62(data.create_time, {instancePath:instancePath+"/create_time",parentData:data,parentDataProperty:"create_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.classification !== undefined){
const _errs8 = errors;
if(!(validate64(data.classification, {instancePath:instancePath+"/classification",parentData:data,parentDataProperty:"classification",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.detect_time !== undefined){
const _errs9 = errors;
if(!(validate62(data.detect_time, {instancePath:instancePath+"/detect_time",parentData:data,parentDataProperty:"detect_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.analyzer_time !== undefined){
const _errs10 = errors;
if(!(validate62(data.analyzer_time, {instancePath:instancePath+"/analyzer_time",parentData:data,parentDataProperty:"analyzer_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.source !== undefined){
let data7 = data.source;
const _errs11 = errors;
if(errors === _errs11){
if(Array.isArray(data7)){
var valid2 = true;
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
const _errs13 = errors;
if(!(validate70(data7[i1], {instancePath:instancePath+"/source/" + i1,parentData:data7,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate70.errors : vErrors.concat(validate70.errors);
errors = vErrors.length;
}
var valid2 = _errs13 === errors;
if(!valid2){
break;
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.target !== undefined){
let data9 = data.target;
const _errs14 = errors;
if(errors === _errs14){
if(Array.isArray(data9)){
var valid3 = true;
const len2 = data9.length;
for(let i2=0; i2<len2; i2++){
const _errs16 = errors;
if(!(validate80(data9[i2], {instancePath:instancePath+"/target/" + i2,parentData:data9,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate80.errors : vErrors.concat(validate80.errors);
errors = vErrors.length;
}
var valid3 = _errs16 === errors;
if(!valid3){
break;
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/target",schemaPath:"#/properties/target/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.assessment !== undefined){
const _errs17 = errors;
if(!(validate95(data.assessment, {instancePath:instancePath+"/assessment",parentData:data,parentDataProperty:"assessment",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate95.errors : vErrors.concat(validate95.errors);
errors = vErrors.length;
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.additional_data !== undefined){
let data12 = data.additional_data;
const _errs18 = errors;
if(errors === _errs18){
if(Array.isArray(data12)){
var valid4 = true;
const len3 = data12.length;
for(let i3=0; i3<len3; i3++){
const _errs20 = errors;
if(!(validate97(data12[i3], {instancePath:instancePath+"/additional_data/" + i3,parentData:data12,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate97.errors : vErrors.concat(validate97.errors);
errors = vErrors.length;
}
var valid4 = _errs20 === errors;
if(!valid4){
break;
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/additional_data",schemaPath:"#/properties/additional_data/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.tool_alert !== undefined){
let data14 = data.tool_alert;
const _errs21 = errors;
if(errors === _errs21){
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
let missing1;
if(((data14.name === undefined) && (missing1 = "name")) || ((data14.alertident === undefined) && (missing1 = "alertident"))){
validate53.errors = [{instancePath:instancePath+"/tool_alert",schemaPath:"#/properties/tool_alert/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs23 = errors;
for(const key1 in data14){
if(!(((key1 === "name") || (key1 === "command")) || (key1 === "alertident"))){
validate53.errors = [{instancePath:instancePath+"/tool_alert",schemaPath:"#/properties/tool_alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs23 === errors){
if(data14.name !== undefined){
const _errs24 = errors;
if(typeof data14.name !== "string"){
validate53.errors = [{instancePath:instancePath+"/tool_alert/name",schemaPath:"#/properties/tool_alert/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid5 = _errs24 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data14.command !== undefined){
const _errs26 = errors;
if(typeof data14.command !== "string"){
validate53.errors = [{instancePath:instancePath+"/tool_alert/command",schemaPath:"#/properties/tool_alert/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid5 = _errs26 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data14.alertident !== undefined){
let data17 = data14.alertident;
const _errs28 = errors;
if(errors === _errs28){
if(Array.isArray(data17)){
if(data17.length < 1){
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident",schemaPath:"#/properties/tool_alert/properties/alertident/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid6 = true;
const len4 = data17.length;
for(let i4=0; i4<len4; i4++){
let data18 = data17[i4];
const _errs30 = errors;
if(errors === _errs30){
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
let missing2;
if((data18.alertident === undefined) && (missing2 = "alertident")){
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident/" + i4,schemaPath:"#/properties/tool_alert/properties/alertident/items/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs32 = errors;
for(const key2 in data18){
if(!((key2 === "alertident") || (key2 === "analyzerid"))){
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident/" + i4,schemaPath:"#/properties/tool_alert/properties/alertident/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs32 === errors){
if(data18.alertident !== undefined){
const _errs33 = errors;
if(typeof data18.alertident !== "string"){
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident/" + i4+"/alertident",schemaPath:"#/properties/tool_alert/properties/alertident/items/properties/alertident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid7 = _errs33 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data18.analyzerid !== undefined){
const _errs35 = errors;
if(typeof data18.analyzerid !== "string"){
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident/" + i4+"/analyzerid",schemaPath:"#/properties/tool_alert/properties/alertident/items/properties/analyzerid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid7 = _errs35 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident/" + i4,schemaPath:"#/properties/tool_alert/properties/alertident/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid6 = _errs30 === errors;
if(!valid6){
break;
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/tool_alert/alertident",schemaPath:"#/properties/tool_alert/properties/alertident/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid5 = _errs28 === errors;
}
else {
var valid5 = true;
}
}
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/tool_alert",schemaPath:"#/properties/tool_alert/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs21 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.correlation_alert !== undefined){
let data21 = data.correlation_alert;
const _errs37 = errors;
if(errors === _errs37){
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
let missing3;
if(((data21.name === undefined) && (missing3 = "name")) || ((data21.alertident === undefined) && (missing3 = "alertident"))){
validate53.errors = [{instancePath:instancePath+"/correlation_alert",schemaPath:"#/properties/correlation_alert/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
const _errs39 = errors;
for(const key3 in data21){
if(!((key3 === "name") || (key3 === "alertident"))){
validate53.errors = [{instancePath:instancePath+"/correlation_alert",schemaPath:"#/properties/correlation_alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs39 === errors){
if(data21.name !== undefined){
const _errs40 = errors;
if(typeof data21.name !== "string"){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/name",schemaPath:"#/properties/correlation_alert/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid8 = _errs40 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data21.alertident !== undefined){
let data23 = data21.alertident;
const _errs42 = errors;
if(errors === _errs42){
if(Array.isArray(data23)){
if(data23.length < 1){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident",schemaPath:"#/properties/correlation_alert/properties/alertident/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid9 = true;
const len5 = data23.length;
for(let i5=0; i5<len5; i5++){
let data24 = data23[i5];
const _errs44 = errors;
if(errors === _errs44){
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
let missing4;
if((data24.alertident === undefined) && (missing4 = "alertident")){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident/" + i5,schemaPath:"#/properties/correlation_alert/properties/alertident/items/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
else {
const _errs46 = errors;
for(const key4 in data24){
if(!((key4 === "alertident") || (key4 === "analyzerid"))){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident/" + i5,schemaPath:"#/properties/correlation_alert/properties/alertident/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs46 === errors){
if(data24.alertident !== undefined){
const _errs47 = errors;
if(typeof data24.alertident !== "string"){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident/" + i5+"/alertident",schemaPath:"#/properties/correlation_alert/properties/alertident/items/properties/alertident/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid10 = _errs47 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data24.analyzerid !== undefined){
const _errs49 = errors;
if(typeof data24.analyzerid !== "string"){
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident/" + i5+"/analyzerid",schemaPath:"#/properties/correlation_alert/properties/alertident/items/properties/analyzerid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid10 = _errs49 === errors;
}
else {
var valid10 = true;
}
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident/" + i5,schemaPath:"#/properties/correlation_alert/properties/alertident/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid9 = _errs44 === errors;
if(!valid9){
break;
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/correlation_alert/alertident",schemaPath:"#/properties/correlation_alert/properties/alertident/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid8 = _errs42 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/correlation_alert",schemaPath:"#/properties/correlation_alert/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs37 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.overflow_alert !== undefined){
let data27 = data.overflow_alert;
const _errs51 = errors;
if(errors === _errs51){
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
let missing5;
if((data27.program === undefined) && (missing5 = "program")){
validate53.errors = [{instancePath:instancePath+"/overflow_alert",schemaPath:"#/properties/overflow_alert/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"}];
return false;
}
else {
const _errs53 = errors;
for(const key5 in data27){
if(!(((key5 === "program") || (key5 === "size")) || (key5 === "buffer"))){
validate53.errors = [{instancePath:instancePath+"/overflow_alert",schemaPath:"#/properties/overflow_alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs53 === errors){
if(data27.program !== undefined){
const _errs54 = errors;
if(typeof data27.program !== "string"){
validate53.errors = [{instancePath:instancePath+"/overflow_alert/program",schemaPath:"#/properties/overflow_alert/properties/program/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid11 = _errs54 === errors;
}
else {
var valid11 = true;
}
if(valid11){
if(data27.size !== undefined){
let data29 = data27.size;
const _errs56 = errors;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
validate53.errors = [{instancePath:instancePath+"/overflow_alert/size",schemaPath:"#/properties/overflow_alert/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs56){
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 4294967295 || isNaN(data29)){
validate53.errors = [{instancePath:instancePath+"/overflow_alert/size",schemaPath:"#/properties/overflow_alert/properties/size/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data29 < 0 || isNaN(data29)){
validate53.errors = [{instancePath:instancePath+"/overflow_alert/size",schemaPath:"#/properties/overflow_alert/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid11 = _errs56 === errors;
}
else {
var valid11 = true;
}
if(valid11){
if(data27.buffer !== undefined){
const _errs58 = errors;
if(typeof data27.buffer !== "string"){
validate53.errors = [{instancePath:instancePath+"/overflow_alert/buffer",schemaPath:"#/properties/overflow_alert/properties/buffer/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid11 = _errs58 === errors;
}
else {
var valid11 = true;
}
}
}
}
}
}
else {
validate53.errors = [{instancePath:instancePath+"/overflow_alert",schemaPath:"#/properties/overflow_alert/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs51 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate53.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate53.errors = vErrors;
return errors === 0;
}
validate53.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"type":"object","properties":{"messageid":{"type":"string","minLength":1},"analyzer":{"minItems":1,"type":"array","items":{"$ref":"#/$defs/Analyzer"}},"create_time":{"$ref":"#/$defs/DateTime"},"analyzer_time":{"$ref":"#/$defs/DateTime"},"heartbeat_interval":{"type":"integer","minimum":0,"maximum":4294967295},"additional_data":{"type":"array","items":{"$ref":"#/$defs/AdditionalData"}}},"required":["messageid","analyzer","create_time"],"additionalProperties":false};

function validate101(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate101.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.messageid === undefined) && (missing0 = "messageid")) || ((data.analyzer === undefined) && (missing0 = "analyzer"))) || ((data.create_time === undefined) && (missing0 = "create_time"))){
validate101.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((((key0 === "messageid") || (key0 === "analyzer")) || (key0 === "create_time")) || (key0 === "analyzer_time")) || (key0 === "heartbeat_interval")) || (key0 === "additional_data"))){
validate101.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.messageid !== undefined){
let data0 = data.messageid;
const _errs2 = errors;
if(errors === _errs2){
if(typeof data0 === "string"){
if(func2(data0) < 1){
validate101.errors = [{instancePath:instancePath+"/messageid",schemaPath:"#/properties/messageid/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate101.errors = [{instancePath:instancePath+"/messageid",schemaPath:"#/properties/messageid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.analyzer !== undefined){
let data1 = data.analyzer;
const _errs4 = errors;
if(errors === _errs4){
if(Array.isArray(data1)){
if(data1.length < 1){
validate101.errors = [{instancePath:instancePath+"/analyzer",schemaPath:"#/properties/analyzer/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid1 = true;
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
const _errs6 = errors;
if(!(validate54(data1[i0], {instancePath:instancePath+"/analyzer/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);
errors = vErrors.length;
}
var valid1 = _errs6 === errors;
if(!valid1){
break;
}
}
}
}
else {
validate101.errors = [{instancePath:instancePath+"/analyzer",schemaPath:"#/properties/analyzer/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.create_time !== undefined){
const _errs7 = errors;
if(!(validate62(data.create_time, {instancePath:instancePath+"/create_time",parentData:data,parentDataProperty:"create_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.analyzer_time !== undefined){
const _errs8 = errors;
if(!(validate62(data.analyzer_time, {instancePath:instancePath+"/analyzer_time",parentData:data,parentDataProperty:"analyzer_time",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.heartbeat_interval !== undefined){
let data5 = data.heartbeat_interval;
const _errs9 = errors;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
validate101.errors = [{instancePath:instancePath+"/heartbeat_interval",schemaPath:"#/properties/heartbeat_interval/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs9){
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 4294967295 || isNaN(data5)){
validate101.errors = [{instancePath:instancePath+"/heartbeat_interval",schemaPath:"#/properties/heartbeat_interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295"}];
return false;
}
else {
if(data5 < 0 || isNaN(data5)){
validate101.errors = [{instancePath:instancePath+"/heartbeat_interval",schemaPath:"#/properties/heartbeat_interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.additional_data !== undefined){
let data6 = data.additional_data;
const _errs11 = errors;
if(errors === _errs11){
if(Array.isArray(data6)){
var valid2 = true;
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
const _errs13 = errors;
if(!(validate97(data6[i1], {instancePath:instancePath+"/additional_data/" + i1,parentData:data6,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate97.errors : vErrors.concat(validate97.errors);
errors = vErrors.length;
}
var valid2 = _errs13 === errors;
if(!valid2){
break;
}
}
}
else {
validate101.errors = [{instancePath:instancePath+"/additional_data",schemaPath:"#/properties/additional_data/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
else {
validate101.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate101.errors = vErrors;
return errors === 0;
}
validate101.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate52(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://idmef-edge.invalid/schema/idmef.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate52.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(errors === _errs1){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.version === undefined) && (missing0 = "version")) || ((data.alert === undefined) && (missing0 = "alert"))){
const err0 = {instancePath,schemaPath:"#/anyOf/0/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
const _errs3 = errors;
for(const key0 in data){
if(!((key0 === "version") || (key0 === "alert"))){
const err1 = {instancePath,schemaPath:"#/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
break;
}
}
if(_errs3 === errors){
if(data.version !== undefined){
let data0 = data.version;
const _errs4 = errors;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/version",schemaPath:"#/anyOf/0/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if("1.0" !== data0){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/anyOf/0/properties/version/const",keyword:"const",params:{allowedValue: "1.0"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var valid1 = _errs4 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.alert !== undefined){
const _errs6 = errors;
if(!(validate53(data.alert, {instancePath:instancePath+"/alert",parentData:data,parentDataProperty:"alert",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate53.errors : vErrors.concat(validate53.errors);
errors = vErrors.length;
}
var valid1 = _errs6 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props0 = true;
}
const _errs7 = errors;
if(errors === _errs7){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if(((data.version === undefined) && (missing1 = "version")) || ((data.heartbeat === undefined) && (missing1 = "heartbeat"))){
const err5 = {instancePath,schemaPath:"#/anyOf/1/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
const _errs9 = errors;
for(const key1 in data){
if(!((key1 === "version") || (key1 === "heartbeat"))){
const err6 = {instancePath,schemaPath:"#/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
}
if(_errs9 === errors){
if(data.version !== undefined){
let data2 = data.version;
const _errs10 = errors;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/version",schemaPath:"#/anyOf/1/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if("1.0" !== data2){
const err8 = {instancePath:instancePath+"/version",schemaPath:"#/anyOf/1/properties/version/const",keyword:"const",params:{allowedValue: "1.0"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var valid2 = _errs10 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data.heartbeat !== undefined){
const _errs12 = errors;
if(!(validate101(data.heartbeat, {instancePath:instancePath+"/heartbeat",parentData:data,parentDataProperty:"heartbeat",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate101.errors : vErrors.concat(validate101.errors);
errors = vErrors.length;
}
var valid2 = _errs12 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
if(props0 !== true){
props0 = true;
}
}
if(!valid0){
const err10 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
validate52.errors = vErrors;
return false;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate52.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate52.evaluated = {"dynamicProps":true,"dynamicItems":false};

