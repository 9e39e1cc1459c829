// mongosh script, idempotent. Connected directly to mongodb-0: initiate the replica set if needed,
// then, through the replica set's primary, ensure one user per service with readWrite on its own
// database only (ARCHITECTURE §2: no service reads another's database).
const members = Number(process.env.MONGODB_MEMBERS ?? '3');
const hosts = Array.from({ length: members }, (_, i) => i).map((i) => `mongodb-${i}.mongodb-headless:27017`);
try {
  rs.status();
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({ _id: 'rs0', members: hosts.map((host, i) => ({ _id: i, host })) });
}
const credentials = `${encodeURIComponent(process.env.MONGODB_ADMIN_USERNAME)}:${encodeURIComponent(process.env.MONGODB_ADMIN_PASSWORD)}`;
let admin;
for (let attempt = 1; !admin; attempt += 1) {
  try {
    admin = connect(`mongodb://${credentials}@${hosts.join(',')}/admin?replicaSet=rs0&authSource=admin`);
    admin.runCommand({ ping: 1 });
  } catch (error) {
    if (attempt >= 60) throw error;
    admin = undefined;
    sleep(2000);
  }
}
for (const service of [
  'identity-matching',
  'consent',
  'record-projection',
  'correspondence',
  'diagnostics',
  'audit',
]) {
  const variable = `${service.replace(/-/g, '_').toUpperCase()}_PASSWORD`;
  const password = process.env[variable];
  if (!password) throw new Error(`${variable} is not set`);
  const database = `ilinks_${service.replace(/-/g, '_')}`;
  const roles = [{ role: 'readWrite', db: database }];
  if (admin.getUser(service)) admin.updateUser(service, { pwd: password, roles });
  else admin.createUser({ user: service, pwd: password, roles });
  print(`user ${service}: readWrite on ${database}`);
}
