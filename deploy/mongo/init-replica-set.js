// One-shot (service mongo-init, run by mongosh): initiates the replica set rs0 and creates its users.
// It shares mongo1's network namespace, so 127.0.0.1 is mongo1: on the first start no user exists yet, and
// MongoDB's localhost exception lets it initiate the set and create the first user (the root user) there, as
// in MongoDB's "deploy a replica set with keyfile authentication". Every later start signs in as root and
// makes sure the other users exist with the passwords from the environment (so changing one in .env and
// running `docker compose up` again changes it in MongoDB). Idempotent.
//
// Users:  root (MONGO_ROOT_USERNAME, default root)  role root, for operators only; no service uses it
//         medborgarlofte (MONGO_APP_PASSWORD)         readWrite on the database medborgarlofte: the apps
//         backup (MONGO_BACKUP_PASSWORD)              backup + restore: the backup service (mongodump --oplog)

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(name + ' is not set (see the README, docker-compose)');
  }
  return value;
}

const rootUser = process.env.MONGO_ROOT_USERNAME || 'root';
const rootPassword = required('MONGO_ROOT_PASSWORD');
const appPassword = required('MONGO_APP_PASSWORD');
const backupPassword = required('MONGO_BACKUP_PASSWORD');
const admin = db.getSiblingDB('admin');

function waitUntilThisNodeIsPrimary() {
  // mongo1 has the highest priority, so it becomes (or takes back) the primary within seconds.
  for (let i = 0; i < 240; i++) {
    if (admin.runCommand({ hello: 1 }).isWritablePrimary) {
      return;
    }
    sleep(500);
  }
  throw new Error('mongo1 did not become the primary of rs0 within 120 s');
}

function ensureUser(database, user, password, roles) {
  if (database.getUser(user)) {
    database.updateUser(user, { pwd: password, roles: roles });
    print('mongo-init: user ' + user + ' updated');
  } else {
    database.createUser({ user: user, pwd: password, roles: roles });
    print('mongo-init: user ' + user + ' created');
  }
}

let signedIn = false;
try {
  signedIn = admin.auth(rootUser, rootPassword).ok === 1;
} catch (e) {
  // No such user yet (first start), or a wrong password: told apart below.
}

if (!signedIn) {
  // `hello` needs no sign-in; a member that has not been initiated names no replica set.
  if (!admin.runCommand({ hello: 1 }).setName) {
    rs.initiate({
      _id: 'rs0',
      members: [
        { _id: 0, host: 'mongo1:27017', priority: 2 },
        { _id: 1, host: 'mongo2:27017', priority: 1 },
        { _id: 2, host: 'mongo3:27017', priority: 1 },
      ],
    });
    print('mongo-init: replica set rs0 initiated');
  }
  waitUntilThisNodeIsPrimary();
  try {
    // Allowed only through the localhost exception, i.e. while no user exists.
    admin.createUser({ user: rootUser, pwd: rootPassword, roles: ['root'] });
  } catch (e) {
    throw new Error('Cannot sign in to MongoDB as ' + rootUser + ': MONGO_ROOT_PASSWORD (or MONGO_ROOT_USERNAME) '
        + 'differs from the one the root user was created with on the first start (' + e.message + ')');
  }
  print('mongo-init: user ' + rootUser + ' created');
  admin.auth(rootUser, rootPassword);
}

waitUntilThisNodeIsPrimary();
ensureUser(db.getSiblingDB('medborgarlofte'), 'medborgarlofte', appPassword,
    [{ role: 'readWrite', db: 'medborgarlofte' }]);
ensureUser(admin, 'backup', backupPassword, ['backup', 'restore']);
print('mongo-init: rs0 ready: ' + rs.status().members.map((m) => m.name + ' ' + m.stateStr).join(', '));
