# ruff: noqa: E501
"""Vocabulary: 运动户外 / Sports & Outdoors (format: see vocab_format)."""

TEXT = """
TOP sports-outdoors | 运动户外 | Sports & Outdoors | SPO
series 晨跑 | Dawn Run | 为每天的训练而设计 | designed for everyday training
series 山野 | Trailhead | 为徒步和露营打造 | built for hiking and camping
series 燃 | Ignite | 面向高强度训练 | made for high-intensity training
series 自在 | Flow | 注重舒适与自由的动作 | focused on comfort and freedom of movement
video 工艺揭秘：实验室里的极限测试 | Behind the Process: Lab Stress Tests | {name}在研发阶段经历了淋雨、低温和耐磨测试，测试数据直接决定了最终的材料和结构。视频带你走进我们的运动实验室。 | During development the {name} went through rain, cold and abrasion tests, and the data decided its final materials and construction. The video takes you into our sports lab.
video 工艺揭秘：和运动员一起共创 | Behind the Process: Co-Created with Athletes | 我们邀请马拉松跑者和户外领队试用{name}的样品，根据三个月的实测反馈调整了细节。视频记录了从样品到量产的过程。 | Marathon runners and outdoor guides tested samples of the {name} for three months, and their feedback shaped the final details. The video follows it from sample to production.
case 用户故事：第一次全马 | Customer Story: A First Marathon | 厦门的跑者老吴用{name}陪伴了半年的备赛训练，今年冬天顺利完成了人生第一个全程马拉松。 | Lao Wu, a runner in Xiamen, trained with the {name} for six months and finished his first full marathon this winter.
case 用户故事：一家三口的周末 | Customer Story: Family Weekends Outdoors | 成都的孙先生一家几乎每个周末都去郊外，{name}是他们装备清单上的固定项目：“好用、耐用，孩子也喜欢。” | Mr Sun's family in Chengdu head out of the city almost every weekend, and the {name} is a fixture on their kit list: practical, durable, and the kids love it.

SUB activewear | 运动服饰 | Activewear
shape tee
price 99 | 399
weight 250
axes size color
opt size | S | S | S | 1 | 0.9
opt size | M | M | M | 1 | 1
opt size | L | L | L | 1 | 1.08
opt size | XL | XL | XL | 1 | 1.15
opt size | XXL | XXL | XXL | 1.05 | 1.22
opt color | BLK | 黑色 | Black | 1 | 1
opt color | NVY | 深蓝 | Navy | 1 | 1
opt color | GRY | 银灰 | Silver Grey | 1 | 1
opt color | ORG | 活力橙 | Vivid Orange | 1 | 1
opt color | MNT | 薄荷绿 | Mint | 1 | 1
attr season | 春夏=Spring/Summer | 秋冬=Autumn/Winter | 四季=All seasons
attr fit | 修身=Slim | 常规=Regular | 宽松=Relaxed
noun 运动T恤 | Training Tee | training-top | 跑步、健身和球类运动都适合，出汗后依然清爽 | Works for running, the gym and ball games, and stays fresh when you sweat | tee
noun 运动短裤 | Training Shorts | shorts | 内置衬裤防走光，侧边开衩不限制跨步 | A built-in liner gives coverage and side splits free your stride | shorts
noun 瑜伽裤 | Yoga Leggings | leggings | 高腰设计包裹腹部，下犬式和深蹲都不卷边 | The high waist stays put through downward dog and deep squats | leggings
noun 运动外套 | Track Jacket | jacket | 热身时穿上，出汗后脱下系在腰间 | Wear it to warm up, then tie it round your waist once you heat up | jacket
noun 运动内衣 | Sports Bra | bra | 按运动强度选择支撑等级，跑步建议选高强度 | Choose support by intensity; high support is best for running | bra
feat 速干 | Quick-Dry | quick-dry | 速干排汗 | Quick-dry | 采用异形截面纤维，汗水快速导出蒸发 | uses shaped-profile fibres that pull sweat away and dry fast
feat 冰感 | Ice-Touch | cooling | 冰感降温 | Cool touch | 加入凉感纱线，接触肌肤即感清凉 | uses cooling yarn that feels fresh the moment it touches skin
feat 四面弹 | Four-Way Stretch | stretch | 四面高弹 | Four-way stretch | 四面弹力面料，深蹲弓步都不受束缚 | uses four-way stretch fabric that moves with every squat and lunge
feat 裸感 | Second-Skin | second-skin | 裸感贴合 | Second-skin feel | 采用细旦纱线织造，穿上几乎感觉不到 | is knitted from fine-denier yarn that you barely feel
feat 抗菌 | Anti-Odour | anti-odour | 抗菌防臭 | Anti-odour | 经过银离子抗菌处理，持续抑制异味 | is silver-ion treated to keep odours down
feat 反光 | Reflective | reflective | 夜跑反光 | Reflective details | 带360度反光条，夜跑更安全 | carries 360-degree reflective trims for safer night runs
feat 防晒 | UPF50+ | upf | UPF50+ | UPF50+ | 面料防晒指数达到UPF50+，户外训练更安心 | has UPF50+ fabric for outdoor training
point 平缝拼接工艺，减少运动中的摩擦 | Flat-lock seams reduce chafing
point 腰部有隐藏口袋，可以放钥匙和手机 | A hidden waist pocket holds keys and a phone
point 可机洗，建议冷水洗且不使用柔顺剂 | Machine washable; wash cold and skip fabric softener
guide 运动服按项目选面料：跑步和有氧选速干、轻量款；力量训练选四面弹；瑜伽选裸感、高腰不卷边的款式。速干面料不要用柔顺剂，否则会堵住纤维的导湿通道。 | Choose fabric by sport: quick-dry and light for running and cardio, four-way stretch for strength work, and second-skin fabric with a high waist that does not roll for yoga. Never use fabric softener on quick-dry fabric: it clogs the fibres' wicking channels.

SUB fitness | 健身瑜伽 | Fitness & Yoga
shape ball
price 49 | 359
weight 1200
axes spec color
opt spec | BASIC | 入门款 | Starter | 0.8 | 0.9
opt spec | ADV | 进阶款 | Advanced | 1.0 | 1.0
opt spec | PRO | 专业款 | Pro | 1.35 | 1.15
opt color | PRP | 暮光紫 | Dusk Purple | 1 | 1
opt color | GRN | 抹茶绿 | Matcha Green | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | PNK | 珊瑚粉 | Coral | 1 | 1
opt color | BLU | 湖蓝 | Lake Blue | 1 | 1
attr scene | 居家=Home | 健身房=Gym | 户外=Outdoors
noun 瑜伽垫 | Yoga Mat | yoga-mat | 使用后用湿布擦拭，卷起时正面朝外可以减少翘边 | Wipe it after use and roll it top-side out to stop the ends curling
noun 瑜伽砖 | Yoga Block | yoga-block | 柔韧性不够时垫在手下，帮助保持正确体式 | Place it under your hands when flexibility is limited to keep good alignment
noun 伸展带 | Stretch Strap | strap | 套住脚掌辅助拉伸，逐步加深动作幅度 | Loop it round your foot to ease deeper into stretches over time
noun 泡沫轴 | Foam Roller | roller | 运动后滚压大腿和小腿，每个部位1至2分钟 | Roll your thighs and calves after exercise for one to two minutes each
noun 弹力带 | Resistance Band | band | 用于热身激活和力量训练，按颜色区分阻力 | Use it for warm-ups and strength work; colours mark the resistance
feat TPE | TPE | tpe | 环保TPE | Eco TPE | 采用环保TPE材质，无异味、回弹好 | is made from odourless, springy eco TPE
feat 天然橡胶 | Natural-Rubber | rubber | 天然橡胶 | Natural rubber | 采用天然橡胶，抓地力强、经久耐用 | uses natural rubber for strong grip and a long life
feat 防滑 | Non-Slip | non-slip | 双面防滑 | Double-sided grip | 双面纹理防滑，出汗也不打滑 | has textured grip on both sides that holds even when you sweat
feat 高密度 | High-Density | high-density | 高密度回弹 | High-density | 采用高密度材料，长期使用不塌陷 | uses high-density material that will not flatten with use
feat 便携 | Travel | portable | 轻便易携 | Travel-friendly | 轻便可收纳，附赠收纳袋 | is light and packs away into the included bag
feat 加厚 | Extra-Thick | thick | 加厚护关节 | Joint-friendly | 加厚设计，跪姿和支撑动作更护关节 | is extra thick to protect knees and wrists in kneeling and plank moves
feat 软木 | Cork | cork | 天然软木 | Natural cork | 采用天然软木表层，越出汗越防滑 | has a natural cork surface that grips better as you sweat
point 附赠在线训练课程，跟练更有方向 | Includes online classes to follow along
point 材料通过SGS有害物质检测 | Materials are tested by SGS for hazardous substances
point 用清水擦拭后自然晾干即可 | Wipe with water and leave to air-dry
guide 瑜伽垫厚度按用途选：瑜伽练习选4至6毫米，保证平衡；普拉提和垫上训练选8毫米以上，更护关节。材质上TPE轻便、性价比高，天然橡胶抓地力最好但较重，软木越出汗越防滑。 | Choose mat thickness by use: 4-6 mm for yoga, so you stay balanced, and 8 mm or more for Pilates and floor work to protect your joints. TPE is light and affordable, natural rubber grips best but is heavier, and cork gets grippier as you sweat.

SUB camping | 露营装备 | Camping Gear
shape tent
price 99 | 999
weight 3000
axes spec color
opt spec | 2P | 2人 | 2-person | 1.0 | 1.0
opt spec | 4P | 4人 | 4-person | 1.45 | 1.5
opt spec | 6P | 6人 | 6-person | 1.9 | 2.0
opt color | SND | 沙色 | Sand | 1 | 1
opt color | OLV | 橄榄绿 | Olive | 1 | 1
opt color | GRY | 岩石灰 | Rock Grey | 1 | 1
opt color | ORG | 落日橙 | Sunset Orange | 1 | 1
attr scene | 公园野餐=Park picnic | 营地露营=Campsite | 徒步登山=Hiking
attr season | 三季=Three seasons | 四季=All seasons
noun 帐篷 | Tent | tent | 先铺地布再搭帐篷，地钉与地面成45度角打入 | Lay the footprint first and drive the pegs in at 45 degrees
noun 天幕 | Tarp | tarp | 用两根主杆撑起，再用风绳拉紧四角 | Raise it on two poles and tension the corners with guy lines
noun 野餐垫 | Picnic Mat | picnic-mat | 防水底面朝下铺开，脏了可以直接用水冲洗 | Lay the waterproof side down; hose it off when it gets dirty
noun 折叠桌 | Folding Table | camp-table | 展开后锁紧桌腿卡扣，确认平稳再摆放物品 | Lock the leg catches once unfolded and check it is steady before loading it
noun 充气床垫 | Air Mattress | air-bed | 用随附的打气筒充气3分钟，睡前适当放气更舒适 | Inflate in three minutes with the included pump; let a little out before sleep for comfort
feat 防雨 | Rainproof | rainproof | 3000mm防水 | 3000 mm waterproof | 面料静水压达到3000毫米，中小雨都不怕 | has a 3000 mm hydrostatic head for light to moderate rain
feat 速开 | Quick-Pitch | quick-pitch | 一分钟搭好 | One-minute setup | 采用自动弹开结构，一个人一分钟就能搭好 | uses a pop-up frame that one person can set up in a minute
feat 轻量化 | Ultralight | light | 轻量便携 | Ultralight | 整套重量比同类轻约30%，背包徒步也能带 | weighs about 30% less than similar kit, light enough for backpacking
feat 黑胶 | UPF50+ | upf | 黑胶防晒 | Blackout UV | 黑胶涂层防晒指数UPF50+，遮阳降温明显 | has a black-coated UPF50+ layer that blocks sun and keeps things noticeably cooler
feat 铝合金 | Aluminium | aluminium | 航空铝 | Aluminium frame | 支撑结构采用航空级铝合金，轻巧又结实 | uses aircraft-grade aluminium supports that are light and strong
feat 防潮 | Damp-Proof | damp-proof | 防潮隔凉 | Damp-proof | 底面加厚防潮层，隔绝地面湿气和凉意 | has a thick damp-proof base that blocks ground moisture and cold
feat 精致露营 | Glamping | glamping | 精致露营 | Glamping style | 复古配色加棉布质感，拍照也出片 | has retro colours and a cotton-like finish that look great in photos
point 附赠收纳袋和图文搭建说明 | Comes with a carry bag and illustrated setup instructions
point 关键部件提供两年质保 | Two-year warranty on key components
point 出厂前逐件检查并完成搭建测试 | Every unit is inspected and test-assembled before shipping
guide 露营装备按出行方式选：开车到营地可以选大空间和精致感，徒步露营优先考虑重量和收纳体积。帐篷防水看静水压，1500毫米应付小雨，3000毫米以上更安心；人数建议比实际多选一人，给行李留出空间。 | Choose by how you travel: drive-in camping can favour space and comfort, while backpacking puts weight and packed size first. For tents, check the hydrostatic head: 1500 mm handles light rain, 3000 mm or more is safer. Size up by one person to leave room for bags.

SUB running-shoes | 跑鞋 | Running Shoes
shape shoe
price 299 | 999
weight 600
axes size color
opt size | 38 | 38码 | EU 38 | 1 | 0.92
opt size | 39 | 39码 | EU 39 | 1 | 0.95
opt size | 40 | 40码 | EU 40 | 1 | 0.98
opt size | 41 | 41码 | EU 41 | 1 | 1.0
opt size | 42 | 42码 | EU 42 | 1 | 1.03
opt size | 43 | 43码 | EU 43 | 1 | 1.06
opt size | 44 | 44码 | EU 44 | 1 | 1.09
opt size | 45 | 45码 | EU 45 | 1 | 1.12
opt color | BLK | 黑色 | Black | 1 | 1
opt color | WHT | 白色 | White | 1 | 1
opt color | BLU | 电光蓝 | Electric Blue | 1 | 1
opt color | ORG | 荧光橙 | Neon Orange | 1 | 1
opt color | GRY | 灰色 | Grey | 1 | 1
attr scene | 日常慢跑=Easy runs | 竞速比赛=Racing | 健身训练=Gym training
noun 缓震跑鞋 | Cushioned Running Shoes | running-shoe | 适合日常慢跑和长距离训练，落地柔和 | Made for easy runs and long training days, with soft landings
noun 竞速跑鞋 | Racing Shoes | running-shoe | 适合比赛和节奏跑，建议有一定跑量后再使用 | For races and tempo runs, best once you have some mileage in your legs
noun 稳定跑鞋 | Stability Shoes | running-shoe | 内侧支撑减少足内翻，适合体重较大的跑者 | Medial support limits overpronation, good for heavier runners
noun 越野跑鞋 | Trail Running Shoes | running-shoe | 深齿大底适合山路和碎石路，下坡更稳 | Deep lugs suit mountain trails and gravel, steadier on descents
noun 健走鞋 | Walking Shoes | walking-shoe | 适合日常健走和通勤，一天走一万步也轻松 | Made for fitness walks and commuting, comfortable over ten thousand steps a day
feat 超临界发泡 | Supercritical-Foam | foam | 超临界中底 | Supercritical midsole | 中底采用超临界发泡材料，回弹率超过70% | has a supercritical foam midsole with over 70% energy return
feat 碳板 | Carbon-Plated | carbon | 全掌碳板 | Full-length carbon plate | 内置全掌碳板，蹬伸推进感明显 | has a full-length carbon plate for a strong toe-off
feat 透气网面 | Breathable-Mesh | mesh | 透气网面 | Breathable mesh | 鞋面采用一体编织网面，透气不闷脚 | has a one-piece knit mesh upper that stays cool
feat 耐磨大底 | Durable-Grip | non-slip | 耐磨大底 | Grippy outsole | 外底采用高耐磨橡胶，湿滑路面也抓地 | has a hard-wearing rubber outsole that grips on wet roads
feat 宽楦 | Wide-Fit | wide-fit | 宽楦设计 | Wide fit | 采用宽楦版型，更贴合亚洲人的脚型 | has a wide last that suits many Asian feet better
feat 轻量 | Featherweight | light | 单只约220克 | About 220 g | 单只重量约220克，轻快不拖沓 | weighs about 220 g per shoe for a light, quick feel
feat 反光 | Reflective | reflective | 夜跑反光 | Reflective details | 鞋跟带反光条，夜跑更安全 | has reflective heel details for safer night runs
point 提供足型和配速选鞋建议，客服一对一推荐 | Get one-to-one advice based on your foot shape and pace
point 鞋垫可拆卸，兼容矫形鞋垫 | Removable insoles work with orthotics
point 建议跑量达到600至800公里后更换 | Replace after about 600-800 km
guide 跑鞋按跑量和配速选：新手和日常慢跑选缓震型，体重较大或有足内翻选稳定型，比赛冲成绩再考虑碳板竞速鞋。跑鞋建议比日常鞋大半码，给脚趾留出约一指的空间。 | Choose by mileage and pace: cushioned shoes for beginners and easy runs, stability shoes for heavier runners or overpronators, and carbon racers only when chasing race times. Go half a size up from everyday shoes, leaving a thumb's width at the toes.
"""
